using System.Globalization;
using System.Text;
using McpDataEnv.Core.Environments;

namespace McpDataEnv.Tools;

/// <summary>A compact, token-frugal rendering of the schema for the model.</summary>
public static class SchemaText
{
    public static string Render(DescribedSchema schema)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"environment {schema.Environment}, dialect {schema.Dialect}\n");
        foreach (var table in schema.Tables)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{table.Name} ({table.RowCount} rows)");
            if (table.Description.Length > 0)
            {
                text.Append(": ").Append(table.Description);
            }

            text.Append('\n');
            foreach (var column in table.Columns)
            {
                text.Append("  ").Append(column.Name).Append(' ').Append(column.Type);
                if (table.PrimaryKey.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
                {
                    text.Append(" PK");
                }

                var fk = table.ForeignKeys.FirstOrDefault(f => f.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase));
                if (fk is not null)
                {
                    text.Append(" -> ").Append(fk.ReferencesTable).Append('.').AppendJoin(",", fk.ReferencesColumns);
                }

                text.Append(column.Nullable ? " NULL" : string.Empty);
                if (column.Tags.Count > 0)
                {
                    text.Append(" [").AppendJoin(",", column.Tags).Append(']');
                }

                if (column.Description.Length > 0)
                {
                    text.Append(" - ").Append(column.Description);
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
