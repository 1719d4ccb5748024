using System.Net;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// A browser client served from an origin in <c>http.allowed_origins</c> can connect: its preflight is answered before
/// authentication and its pages may read the answers and the session header. Loopback origins, accepted but not
/// listed, get no CORS: a page some local dev server serves must not drive the server from the user's browser.
/// </summary>
public sealed class CorsTests(HttpEnvironment env) : IClassFixture<HttpEnvironment>
{
    private const string Listed = "https://app.example.com";

    [Fact]
    public async Task A_listed_origins_preflight_is_answered_without_credentials()
    {
        await using var server = await HttpTestServer.StartAsync(env.Folder, allowedOrigins: [Listed]);

        using var response = await PreflightAsync(server, Listed);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").Should().Be(Listed);
        Header(response, "Access-Control-Allow-Methods").Should().Contain("POST");
        Header(response, "Access-Control-Allow-Headers").Should().Contain("Authorization").And.Contain("Mcp-Session-Id");
    }

    [Fact]
    public async Task A_listed_origins_page_may_read_the_answer_and_its_session_header()
    {
        await using var server = await HttpTestServer.StartAsync(env.Folder, allowedOrigins: [Listed]);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey, origin: Listed);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").Should().Be(Listed);
        Header(response, "Access-Control-Expose-Headers").Should().Contain("Mcp-Session-Id");
    }

    [Fact]
    public async Task A_loopback_origin_that_is_not_listed_gets_no_CORS()
    {
        await using var server = await HttpTestServer.StartAsync(env.Folder, anonymousRole: "analyst", allowedOrigins: [Listed]);

        using var preflight = await PreflightAsync(server, "http://localhost:3000");
        using var post = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, origin: "http://localhost:3000");

        preflight.StatusCode.Should().NotBe(HttpStatusCode.NoContent);
        Header(preflight, "Access-Control-Allow-Origin").Should().BeNull();
        Header(post, "Access-Control-Allow-Origin").Should().BeNull("a browser must not let that page read the answer");
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpTestServer server, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, server.McpUrl);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id");
        return await RawMcpHttp.Client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
