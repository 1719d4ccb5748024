using System.Net;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>JWT bearer tokens beside API keys: claim-to-role mapping, refusals, and session ownership.</summary>
public sealed class JwtBearerTests : IClassFixture<JwtEnvironment>
{
    private const string UnitCost = "SELECT product_id, unit_cost FROM products ORDER BY product_id LIMIT 3";
    private readonly JwtEnvironment _env;

    public JwtBearerTests(JwtEnvironment env) => _env = env;

    [Fact]
    public async Task Finance_and_analyst_tokens_get_different_answers_on_unit_cost()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        var finance = await HttpPlans.RunAsync("http", server.McpUrl, JwtEnvironment.Token("fiona", "finance-team"), McpDriver.Call("run_readonly_sql", new { sql = UnitCost }));
        var analyst = await HttpPlans.RunAsync("http", server.McpUrl, JwtEnvironment.Token("andy", "data-team"), McpDriver.Call("run_readonly_sql", new { sql = UnitCost }));

        finance.Result(0).Structured()["row_count"]!.GetValue<int>().Should().Be(3);
        analyst.Result(0).ErrorCode().Should().Be("access_denied");
        analyst.Result(0).Text().Should().Contain("unit_cost");
    }

    [Fact]
    public async Task API_keys_still_work_beside_tokens()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, HttpTestServer.AliceKey);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "expired", JwtEnvironment.Token("fiona", "finance-team", lifetime: TimeSpan.FromMinutes(-10)) },
        { "wrong audience", JwtEnvironment.Token("fiona", "finance-team", audience: "another-service") },
        { "wrong signature", JwtEnvironment.Token("fiona", "finance-team", secret: "another-secret-of-at-least-32-bytes-012345") },
        { "tampered", JwtEnvironment.Token("fiona", "data-team")[..^3] + "abc" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_get_401_with_an_invalid_token_challenge(string why, string token)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, why);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer").And.Contain("error=\"invalid_token\"");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(token[..20]);
    }

    [Fact]
    public async Task A_valid_token_whose_claim_maps_to_no_role_gets_403()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);

        using var response = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.Initialize, JwtEnvironment.Token("mallory", "marketing"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_session_opened_with_one_token_is_unusable_by_another_principal()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var fiona = JwtEnvironment.Token("fiona", "finance-team");
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, fiona);

        using var otherToken = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, JwtEnvironment.Token("andy", "finance-team"), session);
        using var sameNameKey = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, HttpTestServer.AliceKey, session);
        using var freshTokenSameSubject = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, JwtEnvironment.Token("fiona", "finance-team"), session);

        otherToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        sameNameKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        freshTokenSameSubject.StatusCode.Should().Be(HttpStatusCode.OK, "a refreshed token of the same subject keeps its session");
    }

    [Fact]
    public async Task A_token_subject_never_shares_a_session_with_the_API_key_principal_of_the_same_name()
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var session = await RawMcpHttp.OpenSessionAsync(server.McpUrl, HttpTestServer.AliceKey);

        using var impostor = await RawMcpHttp.PostAsync(server.McpUrl, RawMcpHttp.ToolsList, JwtEnvironment.Token("alice", "finance-team"), session);

        impostor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
