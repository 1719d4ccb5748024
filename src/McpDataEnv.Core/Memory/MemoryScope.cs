namespace McpDataEnv.Core.Memory;

/// <summary>Whose memory an operation touches: one environment and one principal.</summary>
/// <remarks>
/// The server fills the scope from the connection (environment served, authenticated principal).
/// It is never taken from a model's tool arguments, so a model cannot read or write another principal's memory.
/// </remarks>
public sealed record MemoryScope(string Environment, string Principal)
{
    public override string ToString() => $"{Environment}/{Principal}";
}
