namespace McpDataEnv.Core.Memory;

/// <summary>Whose memory an operation touches: one environment and one principal, or one shared scope of the environment.</summary>
/// <remarks>
/// The server fills the scope from the connection (environment served, authenticated principal), and a shared scope
/// only after checking the role's entitlement in the safety policy (see <see cref="MemoryAccess"/>).
/// It is never taken from a model's tool arguments as identity, so a model cannot read or write another principal's memory.
/// A shared scope is stored under the reserved principal <c>shared:&lt;name&gt;</c>; no caller may carry a name with that prefix.
/// </remarks>
public sealed record MemoryScope(string Environment, string Principal)
{
    /// <summary>Prefix of the principal under which a shared scope is stored, and of its label.</summary>
    public const string SharedPrefix = "shared:";

    /// <summary>The label of a caller's own scope in hits and tool arguments.</summary>
    public const string PrivateLabel = "private";

    /// <summary>True for a shared scope declared in the policy.</summary>
    public bool IsShared => Principal.StartsWith(SharedPrefix, StringComparison.Ordinal);

    /// <summary><c>private</c>, or <c>shared:&lt;name&gt;</c>: how hits and tool arguments name this scope.</summary>
    public string Label => IsShared ? Principal : PrivateLabel;

    /// <summary>The shared scope <paramref name="name"/> of <paramref name="environment"/>.</summary>
    public static MemoryScope Shared(string environment, string name) => new(environment, SharedPrefix + name);

    public override string ToString() => $"{Environment}/{Principal}";
}
