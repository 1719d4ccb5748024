using McpDataEnv.Core.Errors;
using ModelContextProtocol;

namespace McpDataEnv.Resources;

/// <summary>
/// A refusal while reading a resource, as the protocol error the client receives: resource reads have no
/// <c>isError</c> channel, so the actionable message travels as the JSON-RPC error.
/// </summary>
/// <remarks>
/// A malformed part of the URI (a key that is not a key) is invalid params (-32602); a scope the role may not read
/// or a block that does not exist is resource-not-found (-32002), MCP's convention for a URI the server will not
/// serve, the same answer whether the scope exists or not. Anything else stays an internal error (-32603). The
/// message reaches the client.
/// </remarks>
internal static class ResourceReadError
{
    public static McpProtocolException From(DataEnvException error) => new(
        $"{error.Code}: {error.Message}",
        error.Code switch
        {
            ErrorCodes.InvalidArgument => McpErrorCode.InvalidParams,
            ErrorCodes.AccessDenied or ErrorCodes.NotFound => McpErrorCode.ResourceNotFound,
            _ => McpErrorCode.InternalError,
        });
}
