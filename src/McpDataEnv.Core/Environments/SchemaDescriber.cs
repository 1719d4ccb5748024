using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Builds what <c>describe_schema</c> answers: live catalog facts plus annotations, showing a
/// role only the tables and columns it may read (denied ones are left out, not marked, so
/// nothing about them leaks).
/// </summary>
public sealed class SchemaDescriber
{
    private readonly EnvironmentDefinition _environment;
    private readonly ISchemaReader _reader;
    private readonly SqlDialect _dialect;

    public SchemaDescriber(EnvironmentDefinition environment, ISchemaReader reader, SqlDialect dialect)
    {
        _environment = environment;
        _reader = reader;
        _dialect = dialect;
    }

    public async Task<DescribedSchema> DescribeAsync(string? table, IAccessScope access, bool refresh, CancellationToken cancellationToken)
    {
        var live = await _reader.ReadSchemaAsync(refresh, cancellationToken).ConfigureAwait(false);
        var visible = live.Tables
            .Select(t => Describe(t, access))
            .Where(t => t is not null)
            .Select(t => t!)
            .ToList();

        if (!string.IsNullOrWhiteSpace(table))
        {
            var match = visible.Where(t => string.Equals(t.Name, table.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                // Suggested only among visible tables, so a near miss never confirms a hidden one. A name far longer
                // than any table's is no near miss, and is not echoed whole: a client sent megabytes back would choke.
                var given = table.Trim();
                var suggestion = given.Length <= MaxEchoedChars ? DidYouMean.Suffix(given, visible.Select(t => t.Name)) : "";
                var names = string.Join(", ", visible.Select(t => t.Name));
                throw new DataEnvException(ErrorCodes.NotFound, $"No table '{Echoed(given)}' is visible to you{suggestion}. Visible tables: {names}.");
            }

            visible = match;
        }

        return new DescribedSchema(_environment.Name, _dialect == SqlDialect.Sqlite ? "sqlite" : "postgresql", visible);
    }

    private const int MaxEchoedChars = 128;

    private static string Echoed(string name) =>
        name.Length <= MaxEchoedChars ? name : $"{name[..MaxEchoedChars]}… ({name.Length} characters)";

    private DescribedTable? Describe(LiveTable table, IAccessScope access)
    {
        var annotation = _environment.Schema.Find(table.Name);
        var columns = table.Columns
            .Where(c => access.CheckRead(table.Name, c.Name) is null)
            .Select(c => DescribeColumn(c, annotation?.Find(c.Name)))
            .ToList();
        if (columns.Count == 0)
        {
            return null;
        }

        var foreignKeys = table.ForeignKeys
            .Select(fk => new DescribedForeignKey(fk.Columns, fk.ReferencedTable, fk.ReferencedColumns))
            .ToList();
        var description = annotation?.Description ?? table.Comment ?? string.Empty;
        if (access.RowFilters.ContainsKey(table.Name))
        {
            // The whole table's row count would reveal the size of what the filter hides.
            description = $"{description} Rows are filtered for your role: queries see only your scope, and totals are totals of that scope.".TrimStart();
            return new DescribedTable(table.Name, description, -1, columns, table.PrimaryKey, foreignKeys);
        }

        return new DescribedTable(table.Name, description, table.RowCount, columns, table.PrimaryKey, foreignKeys);
    }

    private static DescribedColumn DescribeColumn(LiveColumn column, ColumnAnnotation? annotation)
    {
        var description = annotation?.Description ?? column.Comment ?? string.Empty;
        if (annotation?.Unit is { Length: > 0 } unit)
        {
            description = description.Length == 0 ? $"Unit: {unit}." : $"{description} Unit: {unit}.";
        }

        return new DescribedColumn(column.Name, column.Type, column.Nullable, description, annotation?.Tags ?? Array.Empty<string>());
    }
}
