using System.Net;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// A principal holds at most <c>http.max_sessions_per_principal</c> live stateful sessions: opening one more closes its
/// least recently used idle one (404 on next use, as after an idle expiry), and never another principal's.
/// </summary>
public sealed class SessionCapTests(HttpEnvironment env) : IClassFixture<HttpEnvironment>
{
    [Fact]
    public async Task Opening_one_session_more_than_the_cap_closes_the_principals_least_recently_used_one_only()
    {
        await using var server = await HttpTestServer.StartAsync(env.Folder, maxSessionsPerPrincipal: 2);
        var hanks = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.HankKey);
        var first = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);
        var second = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);
        (await ListToolsAsync(server, HttpTestServer.AliceKey, first)).Should().Be(HttpStatusCode.OK); // first is now the more recent

        var third = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        (await ListToolsAsync(server, HttpTestServer.AliceKey, second)).Should().Be(HttpStatusCode.NotFound, "the least recently used session was closed");
        (await ListToolsAsync(server, HttpTestServer.AliceKey, first)).Should().Be(HttpStatusCode.OK);
        (await ListToolsAsync(server, HttpTestServer.AliceKey, third)).Should().Be(HttpStatusCode.OK);
        (await ListToolsAsync(server, HttpTestServer.HankKey, hanks)).Should().Be(HttpStatusCode.OK, "another principal's sessions do not count");
    }

    private static async Task<HttpStatusCode> ListToolsAsync(HttpTestServer server, string key, string session)
    {
        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, key, session);
        return response.StatusCode;
    }
}
