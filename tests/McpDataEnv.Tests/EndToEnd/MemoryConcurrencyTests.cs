using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>Memory shared by several real server processes, a killed server, and principals kept apart over HTTP.</summary>
public sealed class MemoryConcurrencyTests : IClassFixture<MemoryEnvironment>
{
    private readonly MemoryEnvironment _env;

    public MemoryConcurrencyTests(MemoryEnvironment env) => _env = env;

    [Fact]
    public async Task Two_server_processes_editing_with_the_same_expected_version_give_one_winner_and_one_conflict()
    {
        var key = MemoryToolsTests.Unique("race");
        (await Run(McpDriver.Call("memory_edit", new { key, new_value = "start" }))).Result(0).Structured();

        var edits = await Task.WhenAll(
            Run(McpDriver.Call("memory_edit", new { key, new_value = "from server A", expected_version = 1 })),
            Run(McpDriver.Call("memory_edit", new { key, new_value = "from server B", expected_version = 1 })));

        var outcomes = edits.Select(r => r.Result(0)).ToList();
        outcomes.Count(o => !o.IsError()).Should().Be(1, "exactly one write with a given expected_version can win");
        var loser = outcomes.Single(o => o.IsError());
        loser.ErrorCode().Should().Be("version_conflict");
        loser.Text().Should().Contain("\"current_version\":2");
        var history = await Run(McpDriver.Op("readResource", "memory://history/" + key));
        JsonNode.Parse(MemoryToolsTests.ResourceText(history.Result(0)))!["revisions"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Concurrent_archives_from_two_server_processes_all_land()
    {
        var tag = MemoryToolsTests.Unique("burst");
        JsonObject Burst(string who) => new()
        {
            ["op"] = "parallel",
            ["steps"] = new JsonArray(Enumerable.Range(0, 40)
                .Select(i => (JsonNode)McpDriver.Call("memory_archive", new { content = $"Burst note {i} from server {who}", tags = new[] { tag } }))
                .ToArray()),
        };

        var bursts = await Task.WhenAll(Run(Burst("A")), Run(Burst("B")));
        var written = bursts.SelectMany(r => r.Result(0)["outcomes"]!.AsArray().Select(o => o!["result"]!.AsObject().Structured()["id"]!.GetValue<string>())).ToList();
        var found = await AllIds(tag);

        written.Should().HaveCount(80).And.OnlyHaveUniqueItems();
        found.Should().BeEquivalentTo(written);
    }

    [Fact]
    public async Task A_server_killed_mid_burst_loses_no_acknowledged_archive_and_leaves_a_readable_store()
    {
        var tag = MemoryToolsTests.Unique("crash");
        var burst = new JsonObject
        {
            ["op"] = "burstThenKill", ["name"] = "memory_archive", ["count"] = 200, ["killAfter"] = 40,
            ["arguments"] = new JsonObject { ["content"] = "Crash test note", ["tags"] = new JsonArray(tag) },
        };

        var report = await McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder), burst);

        report.Result(0)["killed"]!.GetValue<bool>().Should().BeTrue();
        var acknowledged = report.Result(0)["acknowledged"]!.AsArray().Select(r => r!.AsObject().Structured()["id"]!.GetValue<string>()).ToList();
        acknowledged.Should().HaveCountGreaterThanOrEqualTo(40);
        var found = await AllIds(tag);
        found.Should().Contain(acknowledged).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Http_principals_see_only_their_own_memory_whatever_the_arguments_say()
    {
        var tag = MemoryToolsTests.Unique("own");
        await using var server = await HttpTestServer.StartAsync(_env.Folder);
        var alice = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.AliceKey,
            McpDriver.Call("memory_archive", new { content = "Alice's pricing hypothesis for APAC", tags = new[] { tag } }),
            McpDriver.Call("memory_edit", new { key = "alice_notes", new_value = "Alice works on pricing." }),
            McpDriver.Call("memory_search", new { query = "pricing", tags = new[] { tag } }));
        var carol = await HttpPlans.RunAsync("http", server.McpUrl, MemoryEnvironment.CarolKey,
            McpDriver.Call("memory_search", new { query = "pricing hypothesis", tags = new[] { tag } }),
            McpDriver.Call("memory_search", new { query = "", tier = "core" }),
            McpDriver.Op("readResource", "memory://core"),
            McpDriver.Op("readResource", "memory://history/alice_notes"));
        var hank = await HttpPlans.RunAsync("http", server.McpUrl, HttpTestServer.HankKey,
            McpDriver.Call("memory_search", new { query = "pricing" }),
            McpDriver.Op("readResource", "memory://core"));

        alice.Result(2).Structured()["hits"]!.AsArray().Should().ContainSingle().Which!["created_by"]!.GetValue<string>().Should().Be("alice");
        carol.Result(0).Structured()["hits"]!.AsArray().Should().BeEmpty();
        carol.Result(1).Structured()["hits"]!.AsArray().Select(h => h!["key"]?.GetValue<string>()).Should().NotContain("alice_notes");
        MemoryToolsTests.ResourceText(carol.Result(2)).Should().NotContain("alice");
        JsonNode.Parse(MemoryToolsTests.ResourceText(carol.Result(3)))!["revisions"]!.AsArray().Should().BeEmpty();
        hank.Result(0).ErrorCode().Should().Be("tool_disabled", "the hr role's tool list has no memory tools");
        hank.Step(1)["ok"]!.GetValue<bool>().Should().BeFalse("memory resources follow the same allow-list");
    }

    private Task<DriverReport> Run(params JsonObject[] steps) => McpDriver.RunAsync(McpDriver.StdioServer(_env.Folder), steps);

    private async Task<List<string>> AllIds(string tag)
    {
        var report = await Run(new JsonObject
        {
            ["op"] = "pageAll", ["name"] = "memory_search",
            ["arguments"] = new JsonObject { ["query"] = "", ["tags"] = new JsonArray(tag), ["limit"] = 50 },
        });
        return report.Result(0)["pages"]!.AsArray()
            .SelectMany(p => p!.AsObject().Structured()["hits"]!.AsArray().Select(h => h!["id"]!.GetValue<string>()))
            .ToList();
    }
}
