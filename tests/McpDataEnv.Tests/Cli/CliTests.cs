using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Cli;

/// <summary>The mcpdataenv command line, run as a real process.</summary>
public sealed class CliTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public CliTests(SeededEnvironment env) => _env = env;

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var help = await ProcessRunner.RunCliAsync("--help");

        help.ExitCode.Should().Be(0);
        help.Stdout.Should().Contain("serve").And.Contain("seed").And.Contain("check").And.Contain("call");
    }

    [Theory]
    [InlineData("serve", "--env")]
    [InlineData("serve", "--bogus", "x")]
    [InlineData("seed")]
    [InlineData("nonsense")]
    public async Task Unknown_options_and_missing_values_fail_with_a_message(params string[] args)
    {
        var outcome = await ProcessRunner.RunCliAsync(args);

        outcome.ExitCode.Should().NotBe(0);
        (outcome.Stderr + outcome.Stdout).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Check_accepts_the_demo_environment()
    {
        var check = await ProcessRunner.RunCliAsync("check", "--env", _env.Folder);

        check.ExitCode.Should().Be(0, check.Stderr);
        check.Stdout.Should().Contain("ok").And.Contain("3 metrics' SQL run on it");
    }

    [Fact]
    public async Task Check_runs_every_metric_and_reports_a_broken_one_with_file_and_key()
    {
        using var scratch = new ScratchFolder();
        var broken = scratch.Child("retail");
        SeededEnvironment.CopyFolder(_env.Folder, broken);
        Directory.CreateDirectory(Path.Combine(broken, "data"));
        File.Copy(_env.DatabasePath, Path.Combine(broken, "data", "retail.db"));
        var rules = Path.Combine(broken, "business_rules.md");
        var text = await File.ReadAllTextAsync(rules);
        // Only the first occurrence, revenue's: average_basket_size repeats the expression and must stay sound.
        var at = text.IndexOf("oi.quantity", StringComparison.Ordinal);
        await File.WriteAllTextAsync(rules, text[..at] + "oi.quantty" + text[(at + "oi.quantity".Length)..]);

        var check = await ProcessRunner.RunCliAsync("check", "--env", broken);

        check.ExitCode.Should().Be(2, check.Stderr);
        check.Stderr.Should().Contain("has 1 error(s)").And.Contain("business_rules.md: metrics.revenue.sql: no such column: oi.quantty");
    }

    [Fact]
    public async Task Check_reports_every_error_at_once_with_file_and_key()
    {
        using var scratch = new ScratchFolder();
        var broken = scratch.Child("broken");
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, broken);
        var yaml = Path.Combine(broken, "environment.yaml");
        var text = await File.ReadAllTextAsync(yaml);
        text = text.Replace("path: data/retail.db", "pathh: data/retail.db", StringComparison.Ordinal) + "\nbogus_key: 1\n";
        await File.WriteAllTextAsync(yaml, text);

        var check = await ProcessRunner.RunCliAsync("check", "--env", broken);

        check.ExitCode.Should().NotBe(0);
        check.Stderr.Should().Contain("environment.yaml: database.path").And.Contain("bogus_key");
    }

    [Fact]
    public async Task Serve_refuses_to_start_on_an_invalid_environment()
    {
        using var empty = new ScratchFolder();

        var serve = await ProcessRunner.RunCliAsync("serve", "--env", empty.Path);

        serve.ExitCode.Should().NotBe(0);
        serve.Stderr.Should().Contain("environment.yaml");
    }

    [Fact]
    public async Task Call_prints_the_structured_result_as_json()
    {
        var call = await ProcessRunner.RunCliAsync("call", "--env", _env.Folder, "run_readonly_sql", "--arg", "sql=SELECT COUNT(*) AS n FROM regions", "--arg", "max_rows=1");

        call.ExitCode.Should().Be(0, call.Stderr);
        JsonNode.Parse(call.Stdout)!["rows"]![0]![0]!.GetValue<long>().Should().Be(4);
    }

    [Fact]
    public async Task Call_exits_non_zero_with_the_error_code_when_the_tool_refuses()
    {
        var call = await ProcessRunner.RunCliAsync("call", "--env", _env.Folder, "run_readonly_sql", "--json", "{\"sql\":\"DROP TABLE orders\"}");

        call.ExitCode.Should().Be(1);
        JsonNode.Parse(call.Stdout)!["error"]!["code"]!.GetValue<string>().Should().Be("sql_rejected");
    }

    [Fact]
    public async Task Call_with_an_unknown_role_fails_clearly()
    {
        var call = await ProcessRunner.RunCliAsync("call", "--env", _env.Folder, "--role", "superuser", "describe_schema");

        call.ExitCode.Should().NotBe(0);
        call.Stderr.Should().Contain("superuser").And.Contain("analyst");
    }

    [Fact]
    public async Task Serve_builds_the_embedded_database_on_first_start_and_says_so_on_stderr()
    {
        using var scratch = new ScratchFolder();
        var fresh = scratch.Child("retail");
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, fresh);

        var report = await McpDriver.RunAsync(McpDriver.StdioServer(fresh), McpDriver.Call("run_readonly_sql", new { sql = "SELECT COUNT(*) FROM orders" }));

        report.Stderr.Should().Contain("first start");
        report.Result(0).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(60_000);
        File.Exists(Path.Combine(fresh, "data", "retail.db")).Should().BeTrue();
    }
}
