namespace McpDataEnv.Core.Governance;

/// <summary>The shared memory scopes of an environment and which roles may read or write each.</summary>
public sealed record MemorySharing(IReadOnlyDictionary<string, SharedMemoryScope> Scopes)
{
    public static MemorySharing None { get; } = new(new Dictionary<string, SharedMemoryScope>());

    /// <summary>The scopes <paramref name="role"/> may read, by name.</summary>
    public IReadOnlyList<SharedMemoryScope> ReadableBy(string role) =>
        Scopes.Values.Where(s => s.MayRead(role)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>The scopes <paramref name="role"/> may write, by name.</summary>
    public IReadOnlyList<SharedMemoryScope> WritableBy(string role) =>
        Scopes.Values.Where(s => s.MayWrite(role)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
