using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.ConformanceHost;

/// <summary>The suite's resources: static text, static binary, a template and a watched resource.</summary>
[McpServerResourceType]
public sealed class FixtureResources
{
    [McpServerResource(UriTemplate = "test://static-text", Name = "Static Text Resource", MimeType = "text/plain"), Description("Static text.")]
    public static string StaticText() => "This is the content of the static text resource.";

    [McpServerResource(UriTemplate = "test://static-binary", Name = "Static Binary Resource", MimeType = "image/png"), Description("Static binary.")]
    public static BlobResourceContents StaticBinary() => new() { Uri = "test://static-binary", MimeType = "image/png", Blob = FixtureContent.Png };

    [McpServerResource(UriTemplate = "test://template/{id}/data", Name = "Resource Template", MimeType = "application/json"), Description("Template.")]
    public static TextResourceContents Template(string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" }),
    };

    [McpServerResource(UriTemplate = "test://watched-resource", Name = "Watched Resource", MimeType = "text/plain"), Description("Subscribable.")]
    public static string Watched() => "Watched resource content";
}
