using System.Text.Json;
using McpDataEnv.Core.Backends;

namespace McpDataEnv.Core.Scripting;

/// <summary>
/// Writes query rows in the worker's columnar wire format: <c>{"columns":["a","b"],"rows":[[1,"x"],[2,"y"]]}</c>,
/// as a nested JSON value of the protocol message (never as an escaped string inside it).
/// </summary>
/// <remarks>Column names are made unique (<c>id, id_2</c>) because the script sees each row as an object.</remarks>
public static class RowTableJson
{
    public static void Write(Utf8JsonWriter writer, string propertyName, QueryResult result)
    {
        writer.WriteStartObject(propertyName);
        writer.WriteStartArray("columns");
        foreach (var name in RowObjectsJson.UniqueNames(result.Columns)) writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            writer.WriteStartArray();
            for (var i = 0; i < result.Columns.Count; i++) RowObjectsJson.WriteCell(writer, i < row.Length ? row[i] : null);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
