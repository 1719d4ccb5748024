using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// An <c>initialize</c> whose parameters cannot be read is a 400 with JSON-RPC -32602 naming the field, on every HTTP
/// transport, and opens no session (the SDK's HTTP transport reads them before the message filters run).
/// </summary>
public sealed class InitializeParamsTests : IClassFixture<HttpEnvironment>
{
    private readonly HttpEnvironment _env;

    public InitializeParamsTests(HttpEnvironment env) => _env = env;

    public static TheoryData<string, string, string> UnreadableInitializeParams => new()
    {
        { "http", """{"protocolVersion":123,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}""", "$.protocolVersion" },
        { "http", """{"protocolVersion":"2025-06-18","capabilities":[],"clientInfo":{"name":"x","version":"1"}}""", "$.capabilities" },
        { "http", "{}", "send protocolVersion (a string)" },
        { "http", "\"x\"", "must be a JSON object" },
        { "stateless", """{"protocolVersion":123,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}""", "$.protocolVersion" },
        { "sse", """{"protocolVersion":123,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}""", "$.protocolVersion" },
    };

    [Theory]
    [MemberData(nameof(UnreadableInitializeParams))]
    public async Task Unreadable_initialize_params_are_400_with_invalid_params_naming_the_field(string transport, string parameters, string hint)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, stateless: transport == "stateless");
        using var stream = transport == "sse" ? await RawMcpHttp.SendAsync(HttpMethod.Get, server.SseUrl, HttpTestServer.AliceKey) : null;
        var url = stream is null ? server.McpUrl : server.BaseUrl + await RawMcpHttp.AnnouncedEndpointAsync(stream);
        var initialize = $$"""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{{parameters}}}""";

        using var response = await RawMcpHttp.PostAsync(url, initialize, HttpTestServer.AliceKey);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Mcp-Session-Id").Should().BeFalse("a refused initialize opens no session");
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        answer["id"]!.GetValue<int>().Should().Be(7);
        answer["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
        answer["error"]!["message"]!.GetValue<string>().Should().Contain(hint);
    }
}
