using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>A body over <c>http.max_request_bytes</c> is answered 413 with a JSON-RPC error that names the setting and the limit.</summary>
public sealed class RequestSizeLimitTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public RequestSizeLimitTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task A_body_over_max_request_bytes_is_413_with_a_JSON_RPC_error_naming_the_setting_and_the_limit()
    {
        var folder = _env.Variant("small-bodies", yaml => yaml + HttpTestServer.Principals + "\nhttp:\n  max_request_bytes: 2048\n");
        await using var server = await HttpTestServer.StartAsync(folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);
        var call = """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"run_readonly_sql","arguments":{"sql":"SELECT '""" + new string('x', 4000) + """'"}}}""";

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, call, HttpTestServer.AliceKey, session);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        answer["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        answer["error"]!["message"]!.GetValue<string>().Should().Contain("http.max_request_bytes").And.Contain("2,048 bytes");
    }
}
