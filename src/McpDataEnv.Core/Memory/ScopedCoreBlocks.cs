namespace McpDataEnv.Core.Memory;

/// <summary>The core blocks of one scope a caller may read.</summary>
/// <param name="Scope"><c>private</c> or <c>shared:&lt;name&gt;</c>.</param>
/// <param name="Writable">Whether the caller's role may edit and archive in this scope.</param>
public sealed record ScopedCoreBlocks(string Scope, bool Writable, IReadOnlyList<CoreBlock> Blocks);
