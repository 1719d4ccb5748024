using System.Text.Json;
using System.Text.Json.Nodes;
using McpDataEnv.Core.Errors;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Tools;

/// <summary>Builds tool results: structured content plus a compact text rendering, or a refusal.</summary>
public static class ToolOutcome
{
    public static CallToolResult Success<T>(T value, string text) => Success(value, _ => text);

    /// <summary>
    /// Serialises <paramref name="value"/> once and renders the text from that JSON, so large results
    /// (rows) are not serialised a second time for the text channel.
    /// </summary>
    public static CallToolResult Success<T>(T value, Func<JsonElement, string> render)
    {
        var structured = JsonSerializer.SerializeToElement(value, ToolJson.Options);
        return new CallToolResult
        {
            StructuredContent = structured,
            Content = [new TextContentBlock { Text = render(structured) }],
            IsError = false,
        };
    }

    /// <summary>
    /// A refusal the model can act on. The text is a JSON object with a stable code so clients
    /// that only read content can still switch on it. <paramref name="structured"/> is only
    /// given when it conforms to the tool's output schema (strict clients validate it).
    /// </summary>
    public static CallToolResult Refusal(DataEnvException error, object? structured = null)
    {
        var payload = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["details"] = JsonSerializer.SerializeToNode(error.Details, ToolJson.Options),
            },
        };
        return new CallToolResult
        {
            StructuredContent = structured is null ? null : JsonSerializer.SerializeToElement(structured, structured.GetType(), ToolJson.Options),
            Content = [new TextContentBlock { Text = payload.ToJsonString(ToolJson.Options) }],
            IsError = true,
        };
    }
}
