using System.Net;
using System.Text.Json.Nodes;
using McpDataEnv.Http;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>Authentication, session ownership, DNS-rebinding protection, rate limits and the protocol's status codes.</summary>
public sealed class HttpSecurityTests : IClassFixture<HttpEnvironment>
{
    private readonly HttpEnvironment _env;

    public HttpSecurityTests(HttpEnvironment env) => _env = env;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("alice-test-key-012345678")]
    public async Task Missing_or_wrong_keys_get_401_with_a_Bearer_challenge(string? key)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, key);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("alice-test-key");
    }

    [Fact]
    public async Task A_second_principal_cannot_use_the_first_ones_session()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        using var hijack = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.HankKey, session);
        using var delete = await RawMcpHttp.SendAsync(HttpMethod.Delete, server.McpUrl, HttpTestServer.HankKey, session);
        using var owner = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey, session);

        hijack.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        delete.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        owner.StatusCode.Should().Be(HttpStatusCode.OK, "the owner's session must survive the attempts");
    }

    [Fact]
    public async Task The_anonymous_role_applies_only_to_requests_without_credentials()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, anonymousRole: "analyst");

        var report = await HttpPlans.RunAsync("http", server.McpUrl, key: null, McpDriver.Call("run_readonly_sql", new { sql = "SELECT 1" }));
        using var wrongKey = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, "wrong");

        report.Result(0).IsError().Should().BeFalse();
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a presented but wrong key is never anonymous");
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task Foreign_origins_are_refused_before_authentication(string origin)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey, origin: origin);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Health_answers_without_credentials_and_reveals_no_configuration()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.Client.GetAsync(server.BaseUrl + "/health");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("\"ok\"").And.NotContain("retail.db").And.NotContain(Path.GetTempPath());
    }

    [Fact]
    public async Task Over_the_per_principal_budget_the_answer_is_429_with_Retry_After()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, requestsPerMinute: 2);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey);
            statuses.Add(last.StatusCode);
        }

        using var other = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.HankKey);
        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        last!.Headers.RetryAfter.Should().NotBeNull();
        other.StatusCode.Should().Be(HttpStatusCode.OK, "the budget is per principal");
        last.Dispose();
    }

    [Theory]
    [InlineData("application/json", null, HttpStatusCode.NotAcceptable)]
    [InlineData("application/json, text/event-stream", "1999-01-01", HttpStatusCode.BadRequest)]
    public async Task Posts_the_specification_refuses_get_its_status(string accept, string? version, HttpStatusCode expected)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey, accept: accept, version: version);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Sessions_answer_202_to_notifications_404_when_unknown_and_400_without_initialize()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        using var unknown = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey, "no-such-session");
        using var noSession = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey);
        using var delete = await RawMcpHttp.SendAsync(HttpMethod.Delete, server.McpUrl, HttpTestServer.AliceKey, session);
        using var afterDelete = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey, session);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        noSession.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        delete.StatusCode.Should().Be(HttpStatusCode.OK);
        afterDelete.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, int, string> UnreadableBodies => new()
    {
        { "http", """[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", -32600, JsonRpcHttp.BatchNotSupported },
        { "http", " \r\n\t[]", -32600, JsonRpcHttp.BatchNotSupported },
        { "http", "{not json", -32700, "Parse error" },
        { "sse", """[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", -32600, JsonRpcHttp.BatchNotSupported },
        { "sse", "{not json", -32700, "Parse error" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_batch_is_refused_as_an_invalid_request_and_a_body_that_is_not_JSON_as_a_parse_error(string transport, string body, int code, string message)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        using var stream = transport == "sse" ? await RawMcpHttp.SendAsync(HttpMethod.Get, server.SseUrl, HttpTestServer.AliceKey) : null;
        var url = stream is null ? server.McpUrl : server.BaseUrl + await AnnouncedEndpointAsync(stream);

        using var response = await RawMcpHttp.PostAsync(url, body, HttpTestServer.AliceKey);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(code);
        error["message"]!.GetValue<string>().Should().StartWith(message);
    }

    /// <summary>The legacy transport's first event: where this stream's session takes its messages.</summary>
    private static async Task<string> AnnouncedEndpointAsync(HttpResponseMessage stream)
    {
        // Left open: closing the stream would end the session before the post.
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(), leaveOpen: true);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The SSE stream ended before announcing its endpoint.");
    }
}
