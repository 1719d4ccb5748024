using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>
/// A message body must be declared as UTF-8 JSON on both transports: any other media type or charset (including one
/// that names no encoding at all) is a 415 with a JSON-RPC error that says what to send, never a bare 500.
/// </summary>
public sealed class RequestContentTypeTests : IClassFixture<HttpEnvironment>
{
    private readonly HttpEnvironment _env;

    public RequestContentTypeTests(HttpEnvironment env) => _env = env;

    public static TheoryData<string, string, string> UnsupportedContentTypes => new()
    {
        { "http", "application/json; charset=bogus", "charset 'bogus'" },
        { "http", "application/json; charset=iso-8859-1", "UTF-8" },
        { "sse", "application/json; charset=bogus", "charset 'bogus'" },
        { "sse", "text/plain", "application/json" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedContentTypes))]
    public async Task A_body_not_declared_as_UTF8_JSON_is_415_with_a_JSON_RPC_error_saying_what_to_send(string transport, string contentType, string hint)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        using var stream = transport == "sse" ? await RawMcpHttp.SendAsync(HttpMethod.Get, server.SseUrl, HttpTestServer.AliceKey) : null;
        var url = stream is null ? server.McpUrl : server.BaseUrl + await RawMcpHttp.AnnouncedEndpointAsync(stream);

        using var response = await RawMcpHttp.PostAsync(url, RawMcpHttp.Initialize, HttpTestServer.AliceKey, contentType: contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        error["message"]!.GetValue<string>().Should().StartWith("Unsupported Media Type").And.Contain(hint);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json")]
    public async Task JSON_in_UTF8_with_or_without_a_charset_is_accepted(string contentType)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey, contentType: contentType);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
