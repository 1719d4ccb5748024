using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// A stateful session that ends (DELETE) while a request is in flight answers that request with a JSON-RPC error for
/// its id (a 404, or the last event of a stream already started), not a reset connection or an empty stream.
/// </summary>
public sealed class SessionEndTests : IClassFixture<HttpEnvironment>
{
    private const string EndlessScriptCall = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"run_script","arguments":{"code":"var n = 0; while (true) { n++; } n"}}}""";

    private readonly HttpEnvironment _env;

    public SessionEndTests(HttpEnvironment env) => _env = env;

    [Fact]
    public async Task A_call_in_flight_when_its_session_is_deleted_gets_404_saying_the_session_ended()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);
        var call = RawMcpHttp.PostAsync(server.McpUrl, EndlessScriptCall, HttpTestServer.AliceKey, session);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the script runs until its 15 s limit: the call is in flight

        using var delete = await RawMcpHttp.SendAsync(HttpMethod.Delete, server.McpUrl, HttpTestServer.AliceKey, session);
        using var response = await call;

        delete.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = JsonNode.Parse(JsonRpcBody(await response.Content.ReadAsStringAsync()))!;
        answer["id"]!.GetValue<int>().Should().Be(9);
        answer["error"]!["code"]!.GetValue<int>().Should().Be(-32001);
        answer["error"]!["message"]!.GetValue<string>().Should().Contain("Session ended while this request was in flight");
    }

    /// <summary>The JSON-RPC message of a plain JSON answer (404 before the stream started) or of the event stream's last event.</summary>
    private static string JsonRpcBody(string body) =>
        body.TrimStart().StartsWith('{') ? body : body.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
}
