using System.Text;
using System.Text.Json;
using McpDataEnv.Core.Backends;

namespace McpDataEnv.Core.Scripting;

/// <summary>Writes query rows as a JSON array of objects keyed by column name, for scripts.</summary>
public static class RowObjectsJson
{
    public static string Write(QueryResult result)
    {
        var names = UniqueNames(result.Columns);
        using var buffer = new MemoryStream(64 + (result.Rows.Count * 16 * names.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in result.Rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    writer.WritePropertyName(names[i]);
                    WriteCell(writer, row[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Duplicate column names (<c>a.id, b.id</c>) would overwrite each other in an object; suffix them.</summary>
    internal static string[] UniqueNames(IReadOnlyList<ResultColumn> columns)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            names[i] = seen.TryGetValue(name, out var count) ? $"{name}_{count + 1}" : name;
            seen[name] = count + 1;
        }

        return names;
    }

    internal static void WriteCell(Utf8JsonWriter writer, object? cell)
    {
        switch (cell)
        {
            case null: writer.WriteNullValue(); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case JsonElement element: element.WriteTo(writer); break;
            default: writer.WriteStringValue(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
