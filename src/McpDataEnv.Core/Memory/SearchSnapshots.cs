using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// Frozen rankings behind search cursors. A search is ranked once; later pages read the same ranking,
/// so paging to the end never repeats or skips a hit, however many writes (which shift bm25 statistics) happen meanwhile.
/// </summary>
/// <remarks>
/// In-process and bounded (count and age). A cursor is bound to the scope that made it: another principal's
/// cursor is refused like an unknown one. After a server restart a cursor is unknown; the model searches again.
/// </remarks>
public sealed class SearchSnapshots(TimeProvider time, int capacity = 512, TimeSpan? lifetime = null)
{
    private readonly ConcurrentDictionary<string, Snapshot> snapshots = new(StringComparer.Ordinal);
    private readonly TimeSpan lifetime = lifetime ?? TimeSpan.FromMinutes(15);

    /// <summary>Keeps <paramref name="ranking"/> and returns the cursor of the page starting at <paramref name="offset"/>.</summary>
    public string Save(MemoryScope scope, IReadOnlyList<MemoryRef> ranking, bool capped, int offset)
    {
        Evict();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        snapshots[token] = new Snapshot(scope, ranking, capped, time.GetUtcNow() + lifetime);
        return Encode(token, offset);
    }

    /// <summary>The cursor of the page after <paramref name="offset"/> in the snapshot <paramref name="cursor"/> came from.</summary>
    public static string Next(string cursor, int offset) => Encode(Decode(cursor).Token, offset);

    /// <summary>The ranking and offset a cursor points at; <c>invalid_argument</c> when unknown, expired or of another scope.</summary>
    public (IReadOnlyList<MemoryRef> Ranking, bool Capped, int Offset) Resolve(MemoryScope scope, string cursor)
    {
        var (token, offset) = Decode(cursor);
        if (!snapshots.TryGetValue(token, out var snapshot) || snapshot.Scope != scope || snapshot.Expires < time.GetUtcNow()
            || offset < 0 || offset > snapshot.Ranking.Count)
        {
            throw Expired();
        }

        return (snapshot.Ranking, snapshot.Capped, offset);
    }

    private void Evict()
    {
        var now = time.GetUtcNow();
        foreach (var (token, snapshot) in snapshots)
        {
            if (snapshot.Expires < now)
            {
                snapshots.TryRemove(token, out _);
            }
        }

        while (snapshots.Count >= capacity)
        {
            var oldest = snapshots.MinBy(s => s.Value.Expires).Key;
            snapshots.TryRemove(oldest, out _);
        }
    }

    private static string Encode(string token, int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"m1:{token}:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Token, int Offset) Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] == "m1" && int.TryParse(parts[2], out var offset))
            {
                return (parts[1], offset);
            }
        }
        catch (FormatException)
        {
        }

        throw Expired();
    }

    private static DataEnvException Expired() => new(
        ErrorCodes.InvalidArgument,
        "The cursor is unknown or expired. Run the search again without a cursor.",
        new Dictionary<string, object?> { ["argument"] = "cursor" });

    private sealed record Snapshot(MemoryScope Scope, IReadOnlyList<MemoryRef> Ranking, bool Capped, DateTimeOffset Expires);
}
