using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>The standalone GET stream of a stateful Streamable HTTP session: one per session, not resumable once closed.</summary>
public sealed class StandaloneStreamTests : IClassFixture<HttpEnvironment>
{
    private readonly HttpEnvironment _env;

    public StandaloneStreamTests(HttpEnvironment env) => _env = env;

    [Fact]
    public async Task Reopening_a_closed_GET_stream_is_409_telling_the_client_to_initialize_a_new_session()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);
        using (var first = await RawMcpHttp.SendAsync(HttpMethod.Get, server.McpUrl, HttpTestServer.AliceKey, session))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var second = await RawMcpHttp.SendAsync(HttpMethod.Get, server.McpUrl, HttpTestServer.AliceKey, session);
        using var stillUsable = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey, session);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var error = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["error"]!;
        error["message"]!.GetValue<string>().Should().Contain("already opened").And.Contain("Initialize a new session");
        stillUsable.StatusCode.Should().Be(HttpStatusCode.OK, "refusing a second stream leaves the session itself working");
    }
}
