namespace McpDataEnv.Core.Environments;

/// <summary>The schema as a role may see it: the engine's facts merged with schema.yaml's annotations.</summary>
public sealed record DescribedSchema(string Environment, string Dialect, IReadOnlyList<DescribedTable> Tables);

/// <param name="RowCount">Exact on SQLite; the planner's estimate on PostgreSQL; -1 when rows are filtered for the role (the total is not shown).</param>
public sealed record DescribedTable(
    string Name,
    string Description,
    long RowCount,
    IReadOnlyList<DescribedColumn> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<DescribedForeignKey> ForeignKeys);

public sealed record DescribedColumn(string Name, string Type, bool Nullable, string Description, IReadOnlyList<string> Tags);

public sealed record DescribedForeignKey(IReadOnlyList<string> Columns, string ReferencesTable, IReadOnlyList<string> ReferencesColumns);
