using System.Text.Json;
using ModelContextProtocol.Server;

namespace McpDataEnv.ConformanceHost;

/// <summary>A tool whose input schema uses JSON Schema 2020-12 features ($schema, $defs, $ref), which must reach the client intact.</summary>
internal static class FixtureSchemaTool
{
    public static McpServerTool Create()
    {
        var tool = McpServerTool.Create(() => "JSON Schema 2020-12 tool executed successfully", new McpServerToolCreateOptions
        {
            Name = "json_schema_2020_12_tool",
            Description = "Tool with JSON Schema 2020-12 features",
        });
        tool.ProtocolTool.InputSchema = JsonElement.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "$defs": { "address": { "type": "object", "properties": { "street": { "type": "string" }, "city": { "type": "string" } } } },
              "properties": { "name": { "type": "string" }, "address": { "$ref": "#/$defs/address" } },
              "additionalProperties": false
            }
            """);
        return tool;
    }
}
