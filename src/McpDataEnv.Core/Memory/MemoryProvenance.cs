namespace McpDataEnv.Core.Memory;

/// <summary>Where a memory write came from, recorded with every revision and passage.</summary>
/// <param name="Tool">The MCP tool (or CLI verb) that wrote, for example <c>memory_archive</c>.</param>
/// <param name="RequestId">The request or tool-call id, when the transport has one.</param>
/// <param name="Source">What the content is: <c>note</c>, <c>verified_metric</c>, <c>core_block:&lt;key&gt;</c>.</param>
/// <param name="Writer">The principal who writes. Required for a shared scope (recorded as created_by / updated_by and in
/// revisions, and charged for the write rate); for a private scope it defaults to the scope's principal.</param>
public sealed record MemoryProvenance(string Tool, string? RequestId = null, string Source = MemorySources.Note, string? Writer = null);
