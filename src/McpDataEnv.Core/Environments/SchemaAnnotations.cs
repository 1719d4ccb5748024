namespace McpDataEnv.Core.Environments;

/// <summary>The annotated schema from <c>schema.yaml</c>: descriptions, units and tags the engine does not know.</summary>
public sealed record SchemaAnnotations(IReadOnlyList<TableAnnotation> Tables)
{
    public static SchemaAnnotations Empty { get; } = new(Array.Empty<TableAnnotation>());

    public TableAnnotation? Find(string table) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase));
}

public sealed record TableAnnotation(string Name, string? Description, IReadOnlyList<ColumnAnnotation> Columns)
{
    public ColumnAnnotation? Find(string column) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Tags">For example <c>pii</c>, <c>confidential</c>.</param>
public sealed record ColumnAnnotation(string Name, string? Description, string? Unit, IReadOnlyList<string> Tags);
