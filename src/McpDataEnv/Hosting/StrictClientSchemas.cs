using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Hosting;

/// <summary>
/// Makes advertised schemas acceptable to strict clients. The schema generator writes "any JSON value"
/// (a <see cref="JsonElement"/> or <c>object</c> property, such as run_script's <c>result</c>) as the
/// boolean schema <c>true</c>; it is valid JSON Schema, but the official TypeScript client rejects a
/// tools/list answer whose property schemas are not objects. <c>{}</c> means the same and passes.
/// </summary>
public static class StrictClientSchemas
{
    /// <summary>Rewrites the tool's input and output schemas in place.</summary>
    public static void Normalize(Tool tool)
    {
        tool.InputSchema = Normalize(tool.InputSchema);
        if (tool.OutputSchema is { } output)
        {
            tool.OutputSchema = Normalize(output);
        }
    }

    private static JsonElement Normalize(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText());
        return Rewrite(node) ? JsonSerializer.SerializeToElement(node) : schema;
    }

    /// <returns>True when something was rewritten.</returns>
    private static bool Rewrite(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.True && IsSchemaSlot(obj, key))
                    {
                        obj[key] = new JsonObject();
                        changed = true;
                    }
                    else
                    {
                        changed |= Rewrite(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    changed |= Rewrite(item);
                }

                break;
        }

        return changed;
    }

    /// <summary>A property schema under "properties", or the schema of "items": places where a bare true means "anything".</summary>
    private static bool IsSchemaSlot(JsonObject parent, string key) =>
        key == "items" || (parent.Parent is JsonObject && parent.GetPropertyName() == "properties");
}
