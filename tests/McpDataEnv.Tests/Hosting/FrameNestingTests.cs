using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Hosting;

/// <summary>A frame nested deeper than the parser's 64 levels is answered -32700 saying so, over stdio and HTTP.</summary>
public sealed class FrameNestingTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public FrameNestingTests(SeededEnvironment env) => _env = env;

    /// <summary>A ping whose params hold <paramref name="arrays"/> nested arrays: the frame is that plus two levels deep.</summary>
    private static string Ping(int id, int arrays) =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"ping","params":{"x":{{{new string('[', arrays)}}}{{{new string(']', arrays)}}}}}""";

    [Fact]
    public async Task Over_stdio_a_line_nested_deeper_than_64_levels_is_a_parse_error_that_says_so_and_64_levels_are_read()
    {
        await using var server = await RawMcpStdio.StartAsync(_env.Folder);

        var deepest = await server.SendAsync(Ping(1, 62), 1);
        var tooDeep = await server.SendAsync(Ping(2, 63), 2);
        var broken = await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping",""", 3);

        deepest["result"].Should().NotBeNull("64 levels, the envelope included, are within the limit");
        tooDeep["error"]!["code"]!.GetValue<int>().Should().Be(-32700);
        tooDeep["error"]!["message"]!.GetValue<string>().Should().Contain("nested deeper than 64 levels");
        broken["error"]!["message"]!.GetValue<string>().Should().NotContain("nested", "only a frame that is too deep is told so");
    }

    [Fact]
    public async Task Over_HTTP_a_body_nested_deeper_than_64_levels_is_a_parse_error_that_says_so()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Variant("deep-http", yaml => yaml + HttpTestServer.Principals));
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        using var tooDeep = await RawMcpHttp.PostAsync(server.McpUrl, Ping(2, 63), HttpTestServer.AliceKey, session);
        using var broken = await RawMcpHttp.PostAsync(server.McpUrl, """{"jsonrpc":"2.0","id":3,""", HttpTestServer.AliceKey, session);

        tooDeep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var answer = JsonNode.Parse(await tooDeep.Content.ReadAsStringAsync())!;
        answer["error"]!["code"]!.GetValue<int>().Should().Be(-32700);
        answer["error"]!["message"]!.GetValue<string>().Should().Contain("nested deeper than 64 levels");
        (await broken.Content.ReadAsStringAsync()).Should().Contain("the body is not a JSON-RPC message");
    }
}
