using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>Reading MCP tool results in assertions.</summary>
public static class ToolResultExtensions
{
    public static bool IsError(this JsonObject result) => result["isError"]?.GetValue<bool>() ?? false;

    public static JsonObject Structured(this JsonObject result)
    {
        result.IsError().Should().BeFalse("the tool must answer, but it said: " + result.Text());
        return result["structuredContent"]!.AsObject();
    }

    public static string Text(this JsonObject result) =>
        string.Concat(result["content"]!.AsArray().Select(c => c!["text"]?.GetValue<string>() ?? string.Empty));

    /// <summary>The stable error code of a refusal (the text content is a JSON object with error.code).</summary>
    public static string ErrorCode(this JsonObject result)
    {
        result.IsError().Should().BeTrue("a refusal was expected, but the tool answered: " + result.Text());
        return JsonNode.Parse(result.Text())!["error"]!["code"]!.GetValue<string>();
    }
}
