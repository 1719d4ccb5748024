using System.Net;
using System.Net.Sockets;
using Npgsql;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Cli;

/// <summary><c>mcpdataenv check</c> on PostgreSQL: the demo's metrics run clean as the deployed login, a broken one is named, and a
/// database that cannot be reached is said once.</summary>
public sealed class PostgresCheckCommandTests : IClassFixture<PostgresRetailEnvironment>
{
    private readonly PostgresRetailEnvironment _pg;

    public PostgresCheckCommandTests(PostgresRetailEnvironment pg) => _pg = pg;

    [Fact]
    public async Task Check_accepts_the_PostgreSQL_demo_and_runs_its_metrics_as_the_servers_login()
    {
        var check = await CheckAsync(PostgresRetailEnvironment.Folder, _pg.ServerConnectionString);

        check.ExitCode.Should().Be(0, check.Stderr);
        check.Stdout.Should().Contain("ok").And.Contain("3 metrics' SQL run on it");
    }

    [Fact]
    public async Task Check_reports_a_broken_metric_on_PostgreSQL_with_file_and_key()
    {
        // retail-postgres reads its rules from ../retail, so both folders are copied side by side.
        using var parent = new ScratchFolder();
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, parent.Child("retail"));
        SeededEnvironment.CopyFolder(PostgresRetailEnvironment.Folder, parent.Child("retail-postgres"));
        var rules = Path.Combine(parent.Path, "retail", "business_rules.md");
        var text = await File.ReadAllTextAsync(rules);
        var broken = text.Replace("SELECT COUNT(*) AS order_count\n      FROM orders", "SELECT COUNT(*) AS order_count\n      FROM orderz", StringComparison.Ordinal);
        broken.Should().NotBe(text);
        await File.WriteAllTextAsync(rules, broken);

        var check = await CheckAsync(parent.Child("retail-postgres"), _pg.ServerConnectionString);

        check.ExitCode.Should().Be(2, check.Stderr);
        check.Stderr.Should().Contain("has 1 error(s)")
            .And.Contain("../retail/business_rules.md: metrics.order_count.sql: PostgreSQL error 42P01: relation \"orderz\" does not exist");
    }

    [Fact]
    public async Task Check_says_once_that_an_unreachable_database_was_not_checked()
    {
        var closed = new NpgsqlConnectionStringBuilder(_pg.ServerConnectionString) { Host = "127.0.0.1", Port = ClosedPort() }.ConnectionString;

        var check = await CheckAsync(PostgresRetailEnvironment.Folder, closed);

        check.ExitCode.Should().Be(4, check.Stderr);
        check.Stderr.Split("could not be reached").Should().HaveCount(2, "it is said exactly once: {0}", check.Stderr);
        check.Stderr.Should().Contain("retail-postgres: files are valid, but the database could not be reached")
            .And.NotContain("metrics.").And.NotContain("Unhandled").And.NotContain(_pg.Password);
    }

    private static Task<ProcessRunner.Outcome> CheckAsync(string folder, string connectionString) =>
        ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, "check", "--env", folder], TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string?> { ["MCPDATAENV_PG"] = connectionString });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
