using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates <c>schema.yaml</c>: <c>tables: { t: { description, columns: { c: { description, unit, tags } } } }</c>.</summary>
internal static partial class SchemaFileParser
{
    public static SchemaAnnotations Parse(YamlSection root)
    {
        root.AllowOnly("tables");
        var tables = root.Section("tables", required: true);
        if (tables is null)
        {
            return SchemaAnnotations.Empty;
        }

        var result = new List<TableAnnotation>();
        foreach (var (name, value) in tables.Entries())
        {
            var table = tables.SectionOf(name, value);
            if (table is null)
            {
                continue;
            }

            RequireSqlName(tables, name);
            table.AllowOnly("description", "columns");
            result.Add(new TableAnnotation(name, table.String("description"), ParseColumns(table)));
        }

        return new SchemaAnnotations(result);
    }

    public static bool IsSqlName(string name) => SqlName().IsMatch(name);

    private static List<ColumnAnnotation> ParseColumns(YamlSection table)
    {
        var columns = table.Section("columns", required: true);
        var result = new List<ColumnAnnotation>();
        if (columns is null)
        {
            return result;
        }

        foreach (var (name, value) in columns.Entries())
        {
            // A bare "email:" is allowed: the column is known but not described yet.
            var column = value is YamlDotNet.RepresentationModel.YamlScalarNode { Value: null or "" } ? null : columns.SectionOf(name, value);
            RequireSqlName(columns, name);
            column?.AllowOnly("description", "unit", "tags");
            result.Add(new ColumnAnnotation(name, column?.String("description"), column?.String("unit"), ParseTags(column)));
        }

        return result;
    }

    private static IReadOnlyList<string> ParseTags(YamlSection? column)
    {
        var tags = column?.StringList("tags") ?? [];
        foreach (var tag in tags.Where(t => !Tag().IsMatch(t)))
        {
            column!.Error("tags", $"'{tag}' is not a lowercase identifier (e.g. pii, confidential)");
        }

        return tags.Where(t => Tag().IsMatch(t)).Distinct().ToList();
    }

    private static void RequireSqlName(YamlSection parent, string name)
    {
        if (!IsSqlName(name))
        {
            parent.Error(name, "is not a plain SQL name (letters, digits, '_')");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SqlName();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Tag();
}
