using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Cli;

/// <summary><c>mcpdataenv grants</c> prints the admin script, and with <c>--login</c> what the server's login needs.</summary>
public sealed class GrantsCommandTests : IClassFixture<PostgresRetailEnvironment>
{
    private readonly PostgresRetailEnvironment _pg;

    public GrantsCommandTests(PostgresRetailEnvironment pg) => _pg = pg;

    [Fact]
    public async Task Grants_prints_one_transaction_with_the_reader_role_row_security_and_audit_table()
    {
        var run = await GrantsAsync();

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().StartWith("BEGIN;\n").And.EndWith("COMMIT;\n");
        run.Stdout.Should().Contain("GRANT SELECT").And.Contain("CREATE POLICY").And.Contain("mcpdataenv_audit.entries");
        run.Stdout.Should().NotContain("TO \"bob\"", "no login was named");
    }

    [Fact]
    public async Task Grants_with_a_login_adds_its_roles_memory_schema_and_advisory_lock()
    {
        var run = await GrantsAsync("--login", "bob");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("GRANT \"mcpdataenv_reader\" TO \"bob\";")
            .And.Contain("GRANT mcpdataenv_audit_writer TO \"bob\";")
            .And.Contain("GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) TO \"bob\";")
            .And.Contain("CREATE SCHEMA IF NOT EXISTS \"mcpdataenv_memory\" AUTHORIZATION \"bob\";");
        run.Stdout.IndexOf("TO \"bob\"", StringComparison.Ordinal).Should().BeGreaterThan(
            run.Stdout.IndexOf("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_advisory_xact_lock", StringComparison.Ordinal),
            "the login's grant must come after the revocation from PUBLIC");
    }

    private Task<ProcessRunner.Outcome> GrantsAsync(params string[] extra) =>
        ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, "grants", "--env", PostgresRetailEnvironment.Folder, .. extra], TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string?> { ["MCPDATAENV_PG"] = _pg.AdminDatabaseConnectionString });
}
