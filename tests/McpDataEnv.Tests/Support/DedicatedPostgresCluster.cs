using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// A second throwaway cluster (scripts/pg-test-cluster.sh in its own folder) that fault tests may stop and
/// restart without disturbing the shared test cluster; seeded with retail-postgres by the real CLI.
/// </summary>
public sealed class DedicatedPostgresCluster : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _scriptEnvironment;

    public DedicatedPostgresCluster()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mcpdataenv-pgfault-" + Guid.NewGuid().ToString("N")[..8]);
        _scriptEnvironment = new() { ["MCPDATAENV_PGTEST_DIR"] = Directory };
    }

    private string _bin = "";

    public string Directory { get; }

    public string ConnectionString { get; private set; } = "";

    public string Password => Regex.Match(ConnectionString, "Password=([^;]*)").Groups[1].Value;

    private static string Script => Path.Combine(TestPaths.RepoRoot, "scripts", "pg-test-cluster.sh");

    public async Task InitializeAsync()
    {
        var start = await ProcessRunner.RunAsync(Script, ["start"], TimeSpan.FromMinutes(2), environment: _scriptEnvironment);
        start.ExitCode.Should().Be(0, start.Stderr);
        var env = await File.ReadAllTextAsync(Path.Combine(Directory, "env"));
        ConnectionString = Exported(env, "MCPDATAENV_TEST_PG");
        _bin = Exported(env, "MCPDATAENV_TEST_PG_BIN");
        var seed = await ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, "seed", "--env", PostgresRetailEnvironment.Folder], TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string?> { ["MCPDATAENV_PG"] = ConnectionString });
        seed.ExitCode.Should().Be(0, seed.Stderr);
    }

    /// <summary>A driver step that runs pg_ctl with <paramref name="arguments"/> on this cluster (as its owner).</summary>
    public JsonObject PgCtlStep(string arguments) => new()
    {
        ["op"] = "exec",
        ["command"] = "bash",
        ["args"] = new JsonArray("-c", PgCtlCommand(arguments)),
    };

    /// <summary>A driver step that starts the stopped cluster again on its old port.</summary>
    public JsonObject StartStep() => new()
    {
        ["op"] = "exec",
        ["command"] = "bash",
        ["args"] = new JsonArray("-c", $"MCPDATAENV_PGTEST_DIR='{Directory}' '{Script}' start"),
    };

    /// <summary>A driver step that runs one query as the cluster's admin with psql (unaligned, tuples only).</summary>
    public JsonObject PsqlStep(string sql) => Support.PsqlStep.Create(ConnectionString, sql, _bin);

    /// <summary>The psql command line behind <see cref="PsqlStep"/>, for steps that compose it in bash.</summary>
    public string PsqlCommand(string sql) => Support.PsqlStep.Command(ConnectionString, sql, _bin);

    public async Task PgCtlAsync(string arguments)
    {
        var outcome = await ProcessRunner.RunAsync("bash", ["-c", PgCtlCommand(arguments)], TimeSpan.FromMinutes(1));
        outcome.ExitCode.Should().Be(0, outcome.Stderr);
    }

    public JsonObject Server()
    {
        var server = McpDriver.StdioServer(PostgresRetailEnvironment.Folder);
        server["env"] = new JsonObject { ["MCPDATAENV_PG"] = ConnectionString };
        return server;
    }

    public async Task DisposeAsync() =>
        await ProcessRunner.RunAsync(Script, ["stop"], TimeSpan.FromMinutes(1), environment: _scriptEnvironment);

    private string PgCtlCommand(string arguments)
    {
        var data = Path.Combine(Directory, "data");
        var run = $"'{Path.Combine(_bin, "pg_ctl")}' -D '{data}' -w {arguments} >/dev/null";
        return $"if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- {run}; else {run}; fi";
    }

    private static string Exported(string envFile, string name) =>
        Regex.Match(envFile, $"export {name}='([^']*)'").Groups[1].Value;
}
