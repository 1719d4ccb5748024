namespace McpDataEnv.Core.Memory;

/// <summary>Where a memory write came from, recorded with every revision and passage.</summary>
/// <param name="Tool">The MCP tool (or CLI verb) that wrote, for example <c>memory_archive</c>.</param>
/// <param name="RequestId">The request or tool-call id, when the transport has one.</param>
/// <param name="Source">What the content is: <c>note</c>, <c>verified_metric</c>, <c>core_block:&lt;key&gt;</c>.</param>
public sealed record MemoryProvenance(string Tool, string? RequestId = null, string Source = MemorySources.Note);
