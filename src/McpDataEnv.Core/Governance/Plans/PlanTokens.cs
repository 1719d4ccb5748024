using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace McpDataEnv.Core.Governance.Plans;

/// <summary>
/// Plans as HMAC-SHA256-signed tokens (<c>base64url(payload).base64url(mac)</c>) carrying the scope and the
/// expiry, so any replica holding the key can check a plan without shared state. The key comes from
/// <c>MCPDATAENV_PLAN_KEY</c> (share it across replicas) or is random per process.
/// </summary>
/// <remarks>The payload is readable by the holder (it is their own declared scope); it is only unforgeable.</remarks>
public sealed class PlanTokens
{
    private readonly byte[] _key;

    public PlanTokens(byte[] key) => _key = key.Length >= 32 ? key : throw new ArgumentException("The plan key needs at least 32 bytes.", nameof(key));

    /// <summary>Keyed from <c>MCPDATAENV_PLAN_KEY</c> when set (any text, hashed), else a random per-process key.</summary>
    public static PlanTokens FromEnvironment() =>
        Environment.GetEnvironmentVariable("MCPDATAENV_PLAN_KEY") is { Length: > 0 } secret
            ? new PlanTokens(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))
            : new PlanTokens(RandomNumberGenerator.GetBytes(32));

    public string Issue(Plan plan)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(plan.Principal, plan.Role, plan.Tables, plan.Columns, plan.ExpiresAt.ToUnixTimeSeconds()));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The plan a token carries, or null when it is malformed or its signature does not match.</summary>
    public Plan? Read(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload)))
        {
            return null;
        }

        var p = JsonSerializer.Deserialize<Payload>(payload);
        return p is null ? null : new Plan(p.P, p.R, p.T, p.C, DateTimeOffset.FromUnixTimeSeconds(p.E));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }

    private sealed record Payload(string P, string R, IReadOnlyList<string> T, IReadOnlyList<string> C, long E);
}
