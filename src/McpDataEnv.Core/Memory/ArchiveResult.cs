namespace McpDataEnv.Core.Memory;

/// <summary>The id of the passage an archive call created.</summary>
public sealed record ArchiveResult(string Id);
