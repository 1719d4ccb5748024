using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpDataEnv.Http;

/// <summary>Registers and maps the MCP HTTP transports: Streamable HTTP at <c>/mcp</c>, legacy SSE at <c>/sse</c> + <c>/message</c>.</summary>
public static class McpHttpEndpoints
{
    public const string StreamablePath = "/mcp";
    public const string SsePath = "/sse";
    public const string MessagePath = "/message";

    public static IServiceCollection AddMcpHttpTransports(this IServiceCollection services, McpHttpOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<McpHttpSessionStore>();
        services.AddHostedService(provider => provider.GetRequiredService<McpHttpSessionStore>());
        services.AddSingleton<StreamableHttpEndpoint>();
        services.AddSingleton<LegacySseEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapMcpHttpTransports(this IEndpointRouteBuilder endpoints)
    {
        var streamable = endpoints.ServiceProvider.GetRequiredService<StreamableHttpEndpoint>();
        endpoints.MapPost(StreamablePath, streamable.PostAsync);
        endpoints.MapGet(StreamablePath, streamable.GetAsync);
        endpoints.MapDelete(StreamablePath, streamable.DeleteAsync);

        var sse = endpoints.ServiceProvider.GetRequiredService<LegacySseEndpoint>();
        if (!endpoints.ServiceProvider.GetRequiredService<McpHttpOptions>().Stateless)
        {
            endpoints.MapGet(SsePath, sse.StreamAsync);
            endpoints.MapPost(MessagePath, sse.MessageAsync);
        }

        return endpoints;
    }
}
