using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// A tool as clients see it (name, schemas, annotations, output schema included) over the SDK's tool built from the
/// method, which is left without an output schema.
/// </summary>
/// <remarks>
/// Why: when a tool has an output schema, the SDK serialises whatever the method returned into a JSON element to use
/// as structured content, even when the method returned a complete <see cref="CallToolResult"/>, whose own structured
/// content is then used and the copy dropped. Every tool here returns a <see cref="CallToolResult"/> with its own
/// structured content, so that copy is pure waste: the whole result (rows twice, as structured content and as text)
/// written and parsed once more per call, about a tenth of the server's CPU on a 1,000-row query. Without an output
/// schema on the inner tool the SDK builds nothing; clients still get the schema from <see cref="ProtocolTool"/>.
/// </remarks>
internal sealed class PublishedTool : DelegatingMcpServerTool
{
    private readonly Tool _published;

    public PublishedTool(McpServerTool built)
        : base(built)
    {
        _published = Copy(built.ProtocolTool);
        built.ProtocolTool.OutputSchema = null;
    }

    public override Tool ProtocolTool => _published;

    // A round trip through the protocol's own serialisation copies every field a client can see, including any a
    // later SDK adds.
    private static Tool Copy(Tool tool) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToElement(tool, McpJsonUtilities.DefaultOptions), McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool))) as Tool
        ?? throw new InvalidOperationException($"Tool {tool.Name} did not survive its own serialisation.");
}
