using McpDataEnv.Core.Memory;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>Provenance of a memory write made by a tool call: the tool and the JSON-RPC request id.</summary>
public static class MemoryToolProvenance
{
    public static MemoryProvenance For(string tool, RequestContext<CallToolRequestParams>? context) =>
        new(tool, context?.JsonRpcRequest?.Id.ToString());
}
