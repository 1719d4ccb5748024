using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>The product server over Streamable HTTP and legacy SSE, driven by the official TypeScript client.</summary>
public sealed class HttpTransportTests : IClassFixture<HttpEnvironment>
{
    private readonly HttpEnvironment _env;

    public HttpTransportTests(HttpEnvironment env) => _env = env;

    [Theory]
    [InlineData("http")]
    [InlineData("sse")]
    public async Task Every_tool_and_resource_works_over_the_transport_with_an_API_key(string transport)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var report = await HttpPlans.RunAsync(transport, transport == "http" ? server.McpUrl : server.SseUrl, HttpTestServer.AliceKey,
            McpDriver.Op("listTools"),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) AS n FROM orders" }),
            McpDriver.Call("describe_schema", new { table = "regions" }),
            McpDriver.Op("readResource", "mcpdataenv://environment/schema"),
            McpDriver.Op("ping"));

        report.Initialize["instructions"]!.GetValue<string>().Should().Contain("role 'analyst'");
        report.Result(0)["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Should().Contain(["describe_schema", "run_readonly_sql"]);
        report.Result(1).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000);
        report.Result(2).Structured().ToJsonString().Should().Contain("regions");
        report.Result(3)["contents"]!.AsArray().Should().NotBeEmpty();
        report.Result(4).Should().NotBeNull();
        report.TransportErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_key_acts_as_its_own_principal_and_role()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        static System.Text.Json.Nodes.JsonObject Payroll() => McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) FROM payroll" });

        var hank = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.HankKey, Payroll());
        var alice = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.AliceKey, Payroll());

        hank.Result(0).Structured()["rows"]!.AsArray().Should().ContainSingle("hr may read payroll");
        alice.Result(0).IsError().Should().BeTrue("analyst may not read payroll");
        alice.Result(0).ToJsonString().Should().Contain("access_denied");
    }

    [Fact]
    public async Task Stateless_mode_serves_the_official_client_and_has_no_sessions()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, stateless: true);
        var report = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.AliceKey,
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT code FROM regions ORDER BY region_id" }),
            McpDriver.Op("listTools"));

        report.Result(0).Structured()["rows"]!.AsArray().Should().HaveCount(4);
        report.Result(1)["tools"]!.AsArray().Should().NotBeEmpty();
        using var initialize = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey);
        initialize.Headers.Contains("Mcp-Session-Id").Should().BeFalse();
        using var get = await RawMcpHttp.SendAsync(HttpMethod.Get, server.McpUrl, HttpTestServer.AliceKey);
        ((int)get.StatusCode).Should().Be(405);
    }

    [Fact]
    public async Task Fifty_concurrent_calls_over_one_session_all_succeed()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var calls = Enumerable.Range(0, 50)
            .Select(i => (JsonNode)McpDriver.Call("run_readonly_sql", new { sql = $"SELECT COUNT(*) FROM orders WHERE order_id % 50 = {i}" }))
            .ToArray();
        var report = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.AliceKey,
            new JsonObject { ["op"] = "parallel", ["steps"] = new JsonArray(calls) });

        var outcomes = report.Result(0)["outcomes"]!.AsArray();
        outcomes.Should().HaveCount(50);
        outcomes.Select(o => o!["ok"]!.GetValue<bool>()).Should().AllSatisfy(ok => ok.Should().BeTrue());
        outcomes.Select(o => o!["result"]!["isError"]?.GetValue<bool>() ?? false).Should().AllSatisfy(e => e.Should().BeFalse());
        outcomes.Sum(o => o!["result"]!["structuredContent"]!["rows"]![0]![0]!.GetValue<long>()).Should().Be(60_000);
    }
}
