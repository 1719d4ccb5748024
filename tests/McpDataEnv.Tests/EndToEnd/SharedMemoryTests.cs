using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// The retail policy's shared scope <c>shared:team</c> (analyst and finance write, emea_manager only reads) over
/// Streamable HTTP with two principals, through the official client; private memory stays private.
/// </summary>
public sealed class SharedMemoryTests : IClassFixture<MemoryEnvironment>
{
    private readonly MemoryEnvironment _env;

    public SharedMemoryTests(MemoryEnvironment env) => _env = env;

    [Fact]
    public async Task An_analyst_writes_the_team_scope_a_manager_reads_it_and_is_refused_writing_it_and_private_memory_stays_private()
    {
        var key = MemoryToolsTests.Unique("glossary");
        var tag = MemoryToolsTests.Unique("shared");
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var alice = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.AliceKey,
            McpDriver.Call("memory_edit", new { key, new_value = "Net revenue excludes refunds and tax.", scope = "shared:team" }),
            McpDriver.Call("memory_archive", new { content = "Team finding: APAC churn doubled after the price change.", tags = new[] { tag }, scope = "shared:team" }),
            McpDriver.Call("memory_archive", new { content = "Alice's private hunch: APAC churn is seasonal.", tags = new[] { tag } }));
        var erin = await HttpPlans.RunAsync("http", server.McpUrl, MemoryEnvironment.ErinKey,
            McpDriver.Call("memory_search", new { query = "APAC churn", tags = new[] { tag } }),
            McpDriver.Call("memory_edit", new { key, new_value = "Overwritten by a reader.", scope = "shared:team" }),
            McpDriver.Call("memory_archive", new { content = "A reader's note.", tags = new[] { tag }, scope = "shared:team" }),
            McpDriver.Op("readResource", "memory://core"),
            McpDriver.Op("readResource", $"memory://shared/team/history/{key}"),
            McpDriver.Call("memory_search", new { query = "APAC churn", tags = new[] { tag }, scope = "shared:team" }));
        var carol = await HttpPlans.RunAsync("http", server.McpUrl, MemoryEnvironment.CarolKey,
            McpDriver.Call("memory_search", new { query = "APAC churn", tags = new[] { tag }, scope = "private" }),
            McpDriver.Call("memory_edit", new { key, new_value = "Net revenue excludes refunds, tax and shipping.", expected_version = 1, scope = "shared:team" }),
            McpDriver.Op("readResource", $"memory://shared/team/history/{key}"));

        alice.Result(0).Structured()["version"]!.GetValue<long>().Should().Be(1);
        var hits = erin.Result(0).Structured()["hits"]!.AsArray().Select(h => h!.AsObject()).ToList();
        hits.Should().ContainSingle("the manager sees the team finding, never alice's private passage").Which["content"]!.GetValue<string>().Should().StartWith("Team finding");
        hits[0]["scope"]!.GetValue<string>().Should().Be("shared:team");
        hits[0]["created_by"]!.GetValue<string>().Should().Be("alice");

        erin.Result(1).ErrorCode().Should().Be("access_denied");
        erin.Result(1).Text().Should().Contain("may not write memory scope 'shared:team'").And.Contain("Scopes you may write: private.");
        erin.Result(2).ErrorCode().Should().Be("access_denied");
        var core = JsonNode.Parse(MemoryToolsTests.ResourceText(erin.Result(3)))!;
        var team = core["shared"]!.AsArray().Single(s => s!["scope"]!.GetValue<string>() == "shared:team")!;
        team["writable"]!.GetValue<bool>().Should().BeFalse();
        team["blocks"]!.AsArray().Single(b => b!["key"]!.GetValue<string>() == key)!["value"]!.GetValue<string>().Should().Be("Net revenue excludes refunds and tax.");
        var beforeCarol = JsonNode.Parse(MemoryToolsTests.ResourceText(erin.Result(4)))!["revisions"]!.AsArray();
        beforeCarol.Should().ContainSingle("the refused edit changed nothing").Which!["principal"]!.GetValue<string>().Should().Be("alice");
        erin.Result(5).Structured()["hits"]!.AsArray().Should().ContainSingle();

        carol.Result(0).Structured()["hits"]!.AsArray().Should().BeEmpty("carol's private scope holds nothing of alice's");
        carol.Result(1).Structured()["version"]!.GetValue<long>().Should().Be(2);
        JsonNode.Parse(MemoryToolsTests.ResourceText(carol.Result(2)))!["revisions"]!.AsArray().Select(r => r!["principal"]!.GetValue<string>())
            .Should().Equal("alice", "carol");
    }

    [Fact]
    public async Task Stdio_instructions_show_the_team_blocks_labelled_and_the_cli_prints_their_history_with_writers()
    {
        var key = MemoryToolsTests.Unique("team");
        var first = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder),
            McpDriver.Call("memory_edit", new { key, new_value = "Fiscal year starts in February.", scope = "shared:team" }));
        first.Result(0).Structured()["version"]!.GetValue<long>().Should().Be(1);

        var second = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder, "--role", "emea_manager"), McpDriver.Op("ping"));
        var instructions = second.Initialize["instructions"]!.GetValue<string>();
        instructions.Should().Contain($"- [shared:team] {key} (v1): Fiscal year starts in February.").And.Contain("Shared scopes you read: shared:team.");

        var history = await ProcessRunner.RunCliAsync("memory", "history", "--env", _env.Folder, "--key", key, "--scope", "shared:team");
        history.ExitCode.Should().Be(0, history.Stderr);
        history.Stdout.Should().Contain("create  by stdio via memory_edit").And.Contain("+ Fiscal year starts in February.");
        var unknown = await ProcessRunner.RunCliAsync("memory", "history", "--env", _env.Folder, "--key", key, "--scope", "board");
        unknown.ExitCode.Should().NotBe(0);
        unknown.Stderr.Should().Contain("No shared memory scope 'board'").And.Contain("declared: team");
    }
}
