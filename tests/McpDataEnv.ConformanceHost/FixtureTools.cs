using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.ConformanceHost;

#pragma warning disable MCP9005 // Logging and sampling are deprecated from 2026-07-28 but are what the 2025-11-25 suite checks.

/// <summary>The suite's content, logging, progress and error fixtures.</summary>
[McpServerToolType]
public sealed class FixtureTools
{
    [McpServerTool(Name = "test_simple_text"), Description("Returns a simple text block.")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content"), Description("Returns an image block.")]
    public static ImageContentBlock Image() => new() { Data = FixtureContent.Png, MimeType = "image/png" };

    [McpServerTool(Name = "test_audio_content"), Description("Returns an audio block.")]
    public static AudioContentBlock Audio() => new() { Data = FixtureContent.Wav, MimeType = "audio/wav" };

    [McpServerTool(Name = "test_embedded_resource"), Description("Returns an embedded resource.")]
    public static EmbeddedResourceBlock Embedded() => new()
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    [McpServerTool(Name = "test_multiple_content_types"), Description("Returns text, image and resource blocks.")]
    public static ContentBlock[] Mixed() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        new ImageContentBlock { Data = FixtureContent.Png, MimeType = "image/png" },
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = "{\"test\":\"data\",\"value\":123}" },
        },
    ];

    [McpServerTool(Name = "test_tool_with_logging"), Description("Sends log notifications while it runs.")]
    public static async Task<string> WithLogging(McpServer server, CancellationToken cancellationToken)
    {
        var logger = server.AsClientLoggerProvider().CreateLogger("fixture");
        foreach (var step in new[] { "Tool execution started", "Tool processing data", "Tool execution completed" })
        {
            logger.LogInformation("{Step}", step);
            await Task.Delay(20, cancellationToken);
        }

        return "Tool with logging executed successfully";
    }

    [McpServerTool(Name = "test_tool_with_progress"), Description("Reports progress 0, 50, 100.")]
    public static async Task<string> WithProgress(McpServer server, RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        if (context.Params?.ProgressToken is not { } token)
        {
            return "No progress token provided";
        }

        foreach (var progress in new[] { 0, 50, 100 })
        {
            await server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = progress, Total = 100 }, cancellationToken: cancellationToken);
            await Task.Delay(20, cancellationToken);
        }

        return token.ToString() ?? "";
    }

    [McpServerTool(Name = "test_error_handling"), Description("Always fails with a tool error.")]
    public static string Error() => throw new McpException("This tool intentionally returns an error for testing");

    [McpServerTool(Name = "test_sampling"), Description("Asks the client's model to complete a prompt.")]
    public static async Task<string> Sampling(McpServer server, [Description("The prompt")] string prompt, CancellationToken cancellationToken)
    {
        var result = await server.SampleAsync(
            new CreateMessageRequestParams { Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }], MaxTokens = 100 },
            cancellationToken);
        return $"LLM response: {(result.Content.OfType<TextContentBlock>().FirstOrDefault())?.Text}";
    }
}
