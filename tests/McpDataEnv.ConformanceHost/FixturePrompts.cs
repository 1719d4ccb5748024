using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.ConformanceHost;

/// <summary>The suite's prompts.</summary>
[McpServerPromptType]
public sealed class FixturePrompts
{
    [McpServerPrompt(Name = "test_simple_prompt"), Description("Simple prompt without arguments")]
    public static string Simple() => "This is a simple prompt for testing.";

    [McpServerPrompt(Name = "test_prompt_with_arguments"), Description("Prompt with arguments")]
    public static string WithArguments([Description("First argument")] string arg1, [Description("Second argument")] string arg2) =>
        $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'";

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("Prompt with an embedded resource")]
    public static IEnumerable<PromptMessage> WithResource([Description("URI of the resource to embed")] string resourceUri) =>
    [
        new() { Role = Role.User, Content = new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } } },
        new() { Role = Role.User, Content = new TextContentBlock { Text = "Please process the embedded resource above." } },
    ];

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("Prompt with an image")]
    public static IEnumerable<PromptMessage> WithImage() =>
    [
        new() { Role = Role.User, Content = new ImageContentBlock { Data = FixtureContent.Png, MimeType = "image/png" } },
        new() { Role = Role.User, Content = new TextContentBlock { Text = "Please analyze the image above." } },
    ];
}
