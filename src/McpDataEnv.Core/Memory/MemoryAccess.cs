using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Memory;

/// <summary>
/// The memory scopes one caller may use: its own (private) scope, and the shared scopes its role is entitled to by
/// <c>memory.shared</c> in the safety policy. A <c>scope</c> tool argument is only a selector checked here against
/// that entitlement; identity (principal, role) always comes from the connection.
/// </summary>
public sealed class MemoryAccess
{
    private readonly string principal;
    private readonly IReadOnlyList<SharedMemoryScope> readable;
    private readonly IReadOnlyList<SharedMemoryScope> writable;

    /// <exception cref="DataEnvException"><c>access_denied</c> when the principal's name is in the reserved shared namespace.</exception>
    public MemoryAccess(string environment, string principal, string role, MemorySharing sharing)
    {
        if (principal.StartsWith(MemoryScope.SharedPrefix, StringComparison.Ordinal))
        {
            // A principal named like a shared scope would otherwise read and write that scope as its private memory.
            throw new DataEnvException(ErrorCodes.AccessDenied, $"Principal names starting with '{MemoryScope.SharedPrefix}' are reserved for shared memory; this connection has no memory.");
        }

        Environment = environment;
        this.principal = principal;
        Private = new MemoryScope(environment, principal);
        readable = sharing.ReadableBy(role);
        writable = sharing.WritableBy(role);
        Readable = [Private, .. readable.Select(s => MemoryScope.Shared(environment, s.Name))];
        WritableLabels = [MemoryScope.PrivateLabel, .. writable.Select(s => MemoryScope.SharedPrefix + s.Name)];
    }

    public string Environment { get; }

    /// <summary>The caller's own scope.</summary>
    public MemoryScope Private { get; }

    /// <summary>The private scope first, then every shared scope the role may read.</summary>
    public IReadOnlyList<MemoryScope> Readable { get; }

    /// <summary>Labels of the scopes the role may write (<c>private</c> first).</summary>
    public IReadOnlyList<string> WritableLabels { get; }

    /// <summary>The scopes a search covers: all readable ones, or the one <paramref name="selector"/> names if the role may read it.</summary>
    public IReadOnlyList<MemoryScope> ForRead(string? selector) =>
        string.IsNullOrEmpty(selector) ? Readable : [Select(selector, readable, "read")];

    /// <summary>The scope a write goes to: private by default, or the shared scope <paramref name="selector"/> names if the role may write it.</summary>
    public MemoryScope ForWrite(string? selector) => Select(selector, writable, "write");

    /// <summary>The provenance of a write by this caller (the writer is recorded, whichever scope it goes to).</summary>
    public MemoryProvenance Stamp(MemoryProvenance provenance) => provenance with { Writer = principal };

    private static bool IsPrivate(string? selector) => string.IsNullOrEmpty(selector) || selector == MemoryScope.PrivateLabel;

    private MemoryScope Select(string? selector, IReadOnlyList<SharedMemoryScope> entitled, string verb)
    {
        if (IsPrivate(selector))
        {
            return Private;
        }

        var labels = string.Join(", ", new[] { MemoryScope.PrivateLabel }.Concat(entitled.Select(s => MemoryScope.SharedPrefix + s.Name)));
        if (!selector!.StartsWith(MemoryScope.SharedPrefix, StringComparison.Ordinal))
        {
            throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                $"scope must be 'private' or 'shared:<name>'; scopes you may {verb}: {labels}.",
                new Dictionary<string, object?> { ["argument"] = "scope" });
        }

        var name = selector[MemoryScope.SharedPrefix.Length..];
        if (entitled.FirstOrDefault(s => s.Name == name) is null)
        {
            // Same answer whether the scope is undeclared or only not granted: a role learns nothing about scopes it cannot use.
            throw new DataEnvException(
                ErrorCodes.AccessDenied,
                $"Your role may not {verb} memory scope '{Shorten(selector)}'. Scopes you may {verb}: {labels}.",
                new Dictionary<string, object?> { ["argument"] = "scope", ["allowed"] = labels });
        }

        return MemoryScope.Shared(Environment, name);
    }

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..48] + "…";
}
