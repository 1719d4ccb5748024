namespace McpDataEnv.Core.Backends;

/// <summary>What the engine itself reports about the database's tables.</summary>
public sealed record LiveSchema(IReadOnlyList<LiveTable> Tables)
{
    public LiveTable? Find(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Schema">Namespace (PostgreSQL schema); <c>main</c> on SQLite.</param>
/// <param name="RowCount">Exact on SQLite, the planner's estimate on PostgreSQL.</param>
public sealed record LiveTable(
    string Schema,
    string Name,
    long RowCount,
    IReadOnlyList<LiveColumn> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<LiveForeignKey> ForeignKeys,
    string? Comment);

public sealed record LiveColumn(string Name, string Type, bool Nullable, string? Comment);

public sealed record LiveForeignKey(IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns);
