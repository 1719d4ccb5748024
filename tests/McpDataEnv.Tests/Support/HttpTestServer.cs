using McpDataEnv.Hosting;
using McpDataEnv.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Tests.Support;

/// <summary>The product's HTTP server, in process, on a free loopback port, over a seeded environment copy.</summary>
public sealed class HttpTestServer : IAsyncDisposable
{
    public const string AliceKey = "alice-test-key-0123456789";
    public const string HankKey = "hank-test-key-9876543210";
    public const string HankKeyVariable = "MCPDATAENV_TEST_KEY_HANK";
    public const string JwtSecretVariable = "MCPDATAENV_TEST_JWT_SECRET";
    public const string JwtSecret = "jwt-test-secret-of-at-least-32-bytes-0123456789";

    private readonly EnvironmentRuntime _runtime;
    private readonly WebApplication _app;

    private HttpTestServer(EnvironmentRuntime runtime, WebApplication app)
    {
        _runtime = runtime;
        _app = app;
        BaseUrl = app.Urls.First();
    }

    public string BaseUrl { get; }

    public string McpUrl => BaseUrl + McpHttpEndpoints.StreamablePath;

    public string SseUrl => BaseUrl + McpHttpEndpoints.SsePath;

    /// <summary>alice (analyst) by key_sha256, hank (hr) by key_env; optionally an anonymous role for loopback callers.</summary>
    public static string Principals => $$"""

        principals:
          alice:
            role: analyst
            key_sha256: {{Convert.ToHexStringLower(ApiKeyDirectory.Hash(AliceKey))}}
          hank:
            role: hr
            attributes: { team: payroll }
            key_env: {{HankKeyVariable}}
        """;

    public static async Task<HttpTestServer> StartAsync(string environmentFolder, bool stateless = false, string? anonymousRole = null, int requestsPerMinute = 10_000, int? maxSessionsPerPrincipal = null, IReadOnlyList<string>? allowedOrigins = null)
    {
        var environment = EnvironmentBootstrap.LoadOrReport(environmentFolder, Console.Error) ?? throw new InvalidOperationException("environment did not load");
        var runtime = EnvironmentBootstrap.CreateRuntime(environment, NullLoggerFactory.Instance);
        var settings = environment.Http with
        {
            RequestsPerMinute = requestsPerMinute,
            MaxSessionsPerPrincipal = maxSessionsPerPrincipal ?? environment.Http.MaxSessionsPerPrincipal,
            AllowedOrigins = allowedOrigins ?? environment.Http.AllowedOrigins,
        };
        var keys = ApiKeyDirectory.From(environment.Principals, name => name == HankKeyVariable ? HankKey : null);
        var jwt = settings.Jwt is { } jwtSettings ? JwtBearerValidator.Create(jwtSettings, name => name == JwtSecretVariable ? JwtSecret : null) : null;
        var app = HttpServerHost.Build(runtime, new HttpServeOptions(["http://127.0.0.1:0"], stateless, anonymousRole, settings), keys, jwt);
        await app.StartAsync();
        return new HttpTestServer(runtime, app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _runtime.DisposeAsync();
    }
}
