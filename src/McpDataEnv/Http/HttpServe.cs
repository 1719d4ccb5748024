using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Http;

/// <summary><c>serve --transport http</c>: refuses unsafe set-ups, then runs the HTTP server until stopped.</summary>
public static class HttpServe
{
    public static async Task RunAsync(EnvironmentRuntime runtime, HttpServeOptions options, TextWriter status, CancellationToken cancellationToken)
    {
        var keys = ApiKeyDirectory.From(runtime.Environment.Principals);
        var jwt = options.Settings.Jwt is { } jwtSettings ? JwtBearerValidator.Create(jwtSettings) : null;
        var anonymous = options.AnonymousRole ?? options.Settings.AnonymousRole;
        if (anonymous is not null && runtime.Environment.Policy.FindRole(anonymous) is null)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                $"--allow-anonymous: unknown role '{anonymous}'. Roles in safety_policy.md: {string.Join(", ", runtime.Environment.Policy.Roles.Keys)}.");
        }

        if (!LoopbackAddresses.AreAllLoopback(options.Urls) && keys.IsEmpty && jwt is null)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument,
                "Refusing to listen beyond loopback without authentication: add principals with API keys (or http.jwt) to environment.yaml, or bind to 127.0.0.1.");
        }

        await using var app = HttpServerHost.Build(runtime, options with { AnonymousRole = anonymous }, keys, jwt);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("McpDataEnv.Http");
        if (keys.IsEmpty && jwt is null && anonymous is null)
        {
            logger.LogWarning("No principals and no anonymous role: every MCP request will be refused with 401. Add principals to environment.yaml or pass --allow-anonymous <role>.");
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await status.WriteLineAsync($"mcpdataenv: serving '{runtime.Environment.Name}' over Streamable HTTP at {string.Join(", ", app.Urls.Select(u => u + McpHttpEndpoints.StreamablePath))}" +
            (options.Stateless ? " (stateless)" : $" and legacy SSE at {McpHttpEndpoints.SsePath}")).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }
}
