namespace McpDataEnv.Core.Backends;

/// <summary>One (table, column) a statement reads, as the engine reported it; an empty column is a table touch (count(*)).</summary>
public readonly record struct ColumnRead(string Table, string Column);
