using System.Text.Json;
using System.Text.Json.Nodes;
using McpDataEnv.Hosting;
using McpDataEnv.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Tests.Contracts;

/// <summary>
/// The tool schemas are a contract with every client: tools/list must match the committed
/// snapshot. A deliberate change is made by running the tests with MCPDATAENV_UPDATE_SNAPSHOTS=1
/// and committing the new snapshot with the change.
/// </summary>
public sealed class ToolContractTests : IClassFixture<SeededEnvironment>
{
    private static readonly string SnapshotPath = Path.Combine(TestPaths.RepoRoot, "tests", "McpDataEnv.Tests", "Contracts", "Snapshots", "tools.json");
    private readonly SeededEnvironment _env;

    public ToolContractTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task Tools_list_matches_the_committed_snapshot()
    {
        var actual = await ListToolsAsync();

        if (Environment.GetEnvironmentVariable("MCPDATAENV_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, actual);
        }

        File.Exists(SnapshotPath).Should().BeTrue("the snapshot is committed; create it with MCPDATAENV_UPDATE_SNAPSHOTS=1");
        var expected = await File.ReadAllTextAsync(SnapshotPath);
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)).Should().BeTrue(
            "tools/list changed; if deliberate, rerun with MCPDATAENV_UPDATE_SNAPSHOTS=1 and commit the snapshot. Actual:\n" + actual);
    }

    private async Task<string> ListToolsAsync()
    {
        var environment = EnvironmentBootstrap.LoadOrReport(_env.Folder, TextWriter.Null)!;
        await using var runtime = EnvironmentBootstrap.CreateRuntime(environment, NullLoggerFactory.Instance);
        var caller = EnvironmentBootstrap.CreateCaller(environment, role: null, principalName: "contract-test");
        await using var session = await InProcessSession.StartAsync(runtime, caller, NullLoggerFactory.Instance, CancellationToken.None);
        var tools = await session.Client.ListToolsAsync();
        var array = new JsonArray(tools.OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => JsonSerializer.SerializeToNode(t.ProtocolTool))
            .ToArray());
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
