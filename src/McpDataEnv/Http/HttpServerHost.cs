using McpDataEnv.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Http;

/// <summary>
/// Builds the product's HTTP server: <c>/health</c> without credentials, then Host/Origin checks, bearer-key / JWT
/// authentication, per-principal rate limit, then the MCP transports. Logs go to stderr.
/// </summary>
public static class HttpServerHost
{
    public static WebApplication Build(EnvironmentRuntime runtime, HttpServeOptions options, ApiKeyDirectory keys, JwtBearerValidator? jwt = null)
    {
        var settings = options.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.AddStderrConsole();
        builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddRateLimiter(limiter => PrincipalRateLimit.Configure(limiter, settings.RequestsPerMinute));
        builder.Services.AddMcpHttpTransports(new McpHttpOptions(options.Stateless, TimeSpan.FromMinutes(settings.SessionIdleMinutes), settings.MaxSessionsPerPrincipal));
        builder.Services.AddEnvironmentServer(runtime, new HttpCallerResolver(runtime), fixedCaller: null);

        var app = builder.Build();
        app.UseMiddleware<RequestLogging>();
        app.MapGet(HealthEndpoint.Path, (CancellationToken ct) => HealthEndpoint.CheckAsync(runtime, ct));
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(HealthEndpoint.Path),
            branch => branch
                .UseMiddleware<OriginGuard>(settings.AllowedHosts, settings.AllowedOrigins)
                .UseMiddleware<BearerKeyAuthentication>(new BearerKeySettings(keys, options.AnonymousRole ?? settings.AnonymousRole, jwt)).UseRateLimiter());
        app.MapMcpHttpTransports();
        return app;
    }
}
