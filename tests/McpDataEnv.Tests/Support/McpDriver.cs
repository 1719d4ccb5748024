using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// Runs tests/e2e/driver.mjs — the official MCP TypeScript SDK client — against a real server
/// with a plan of steps, and returns its JSON report.
/// </summary>
public static class McpDriver
{
    public static JsonObject StdioServer(string environmentFolder, params string[] extraArgs)
    {
        var args = new JsonArray(TestPaths.ServerDll, "serve", "--env", environmentFolder);
        foreach (var arg in extraArgs)
        {
            args.Add(arg);
        }

        return new JsonObject { ["command"] = "dotnet", ["args"] = args };
    }

    public static async Task<DriverReport> RunAsync(JsonObject server, params JsonObject[] steps)
    {
        var plan = new JsonObject { ["transport"] = "stdio", ["server"] = server, ["steps"] = new JsonArray(steps) };
        return await RunPlanAsync(plan);
    }

    /// <summary>tests/e2e/driver.mjs; fails with the command to run when the client is not installed.</summary>
    public static string DriverScript =>
        Directory.Exists(Path.Combine(TestPaths.E2eFolder, "node_modules", "@modelcontextprotocol", "sdk"))
            ? Path.Combine(TestPaths.E2eFolder, "driver.mjs")
            : throw new InvalidOperationException("The TypeScript MCP client is not installed: run `npm ci --prefix tests/e2e` (./test.sh does it).");

    public static async Task<DriverReport> RunPlanAsync(JsonObject plan)
    {
        var driver = DriverScript;
        var planFile = Path.Combine(Path.GetTempPath(), $"mcpdataenv-plan-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(planFile, plan.ToJsonString());
        try
        {
            var outcome = await ProcessRunner.RunAsync("node", [driver, planFile], TimeSpan.FromMinutes(3));
            outcome.ExitCode.Should().Be(0, outcome.Stderr);
            return new DriverReport(JsonNode.Parse(outcome.Stdout)!.AsObject());
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    public static JsonObject Call(string tool, object? arguments = null) => new()
    {
        ["op"] = "callTool",
        ["name"] = tool,
        ["arguments"] = arguments is null ? new JsonObject() : JsonSerializer.SerializeToNode(arguments),
    };

    public static JsonObject Op(string op, string? uri = null) =>
        uri is null ? new JsonObject { ["op"] = op } : new JsonObject { ["op"] = op, ["uri"] = uri };
}

/// <summary>The driver's report: initialize facts, one outcome per step, transport errors, server stderr.</summary>
public sealed class DriverReport
{
    public DriverReport(JsonObject root)
    {
        Root = root;
        root["fatal"]?.GetValue<string>().Should().BeNull("the client must connect; server stderr: " + root["stderr"]);
    }

    public JsonObject Root { get; }

    public JsonObject Initialize => Root["initialize"]!.AsObject();

    public string Stderr => Root["stderr"]?.GetValue<string>() ?? string.Empty;

    public IReadOnlyList<string> TransportErrors => Root["transportErrors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

    /// <summary>The result of step <paramref name="index"/>; fails the test when the step threw.</summary>
    public JsonObject Result(int index)
    {
        var step = Root["steps"]![index]!.AsObject();
        step["ok"]!.GetValue<bool>().Should().BeTrue($"step {index} must succeed at the protocol level: {step["error"]?.ToJsonString()}; stderr: {Stderr}");
        return step["result"]!.AsObject();
    }

    public JsonObject Step(int index) => Root["steps"]![index]!.AsObject();
}
