namespace McpDataEnv.Core.Backends;

/// <summary>A result column: its name and the database's own type name for it.</summary>
public sealed record ResultColumn(string Name, string Type);
