using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpDataEnv.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Http;

/// <summary>
/// Refuses an <c>initialize</c> request whose parameters the SDK cannot read, before a session is created for it.
/// </summary>
/// <remarks>
/// The SDK's Streamable HTTP transport reads <c>initialize</c> parameters itself (for the negotiated version) before
/// the message filters run, so <see cref="RequestParamsCheck"/> never sees them there: a wrong type or a missing
/// field threw out of the transport and the client got a bare 500, with a session left behind until it idled out.
/// The message reaches the client.
/// </remarks>
public static class InitializeParamsCheck
{
    private static readonly JsonTypeInfo<InitializeRequestParams> ParamsType =
        (JsonTypeInfo<InitializeRequestParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(InitializeRequestParams));

    /// <summary>Null unless <paramref name="message"/> is an <c>initialize</c> request with unreadable parameters; else why, for the client.</summary>
    public static string? Problem(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.Initialize, Params: { } parameters } request)
        {
            return null;
        }

        if (RequestParamsCheck.Problem(request) is { } problem)
        {
            return problem;
        }

        try
        {
            parameters.Deserialize(ParamsType);
            return null;
        }
        catch (JsonException error)
        {
            return $"params of initialize cannot be read at {error.Path ?? "$"}: send protocolVersion (a string), capabilities (an object) and clientInfo (an object with name and version strings).";
        }
    }
}
