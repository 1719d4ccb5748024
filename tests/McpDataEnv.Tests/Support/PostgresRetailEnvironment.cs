using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Npgsql;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// environments/retail-postgres on a fresh database of the test cluster: a copy (<c>CREATE DATABASE ... TEMPLATE</c>)
/// of one database seeded by the real CLI (<c>mcpdataenv seed</c>, as the cluster's admin) once per test run, then served under a dedicated login role that holds
/// nothing but membership of the reader role and of the audit writer role, so the server runs exactly as an operator would deploy it.
/// The database and the login are dropped at the end.
/// </summary>
public sealed class PostgresRetailEnvironment : IAsyncLifetime
{
    // Seeding is deterministic and every fixture used to run it (a process and seconds of loading, one fixture at a time);
    // a copy of one seeded database has the same tables, rows, grants, policies and audit table. What lives outside the
    // database (the reader and audit writer roles) is the seed's too, made once for all.
    private static readonly Lazy<Task<string>> SeededTemplate = new(SeedTemplateAsync);
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    public static string Folder { get; } = Path.Combine(TestPaths.RepoRoot, "environments", "retail-postgres");

    public string Database => "e2e_" + _suffix;

    public string Login => "e2e_login_" + _suffix;

    /// <summary>Servers this fixture's tests share (<see cref="McpSession"/>); ended before the database is dropped.</summary>
    public McpSessions Sessions { get; } = new();

    /// <summary>The login's password: the secret that must never reach a log line or a tool result.</summary>
    public string Password { get; } = "pw" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>What the server is configured with (<c>MCPDATAENV_PG</c>).</summary>
    public string ServerConnectionString => new NpgsqlConnectionStringBuilder(AdminDatabaseConnectionString)
    {
        Username = Login,
        Password = Password,
    }.ConnectionString;

    public string AdminDatabaseConnectionString => new NpgsqlConnectionStringBuilder(PostgresCluster.AdminConnectionString)
    {
        Database = Database,
        Pooling = false,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        // Nothing ever connects to the template after its seed: PostgreSQL refuses to copy one that has sessions.
        await PostgresCluster.ExecuteAsync(PostgresCluster.AdminConnectionString, $"CREATE DATABASE {Database} TEMPLATE {await SeededTemplate.Value}");

        // The login gets exactly what `mcpdataenv grants --login` prints for it, as an operator would apply it.
        await AdminAsync(
            [
                $"CREATE ROLE {Login} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '{Password}'",
                $"GRANT CONNECT ON DATABASE {Database} TO {Login}",
                .. Core.Backends.Postgres.PostgresLoginGrants.Statements(Login, "mcpdataenv_reader"),
            ]);
    }

    /// <summary>A stdio server plan entry for this database (optionally with another connection string).</summary>
    public JsonObject Server(string? connectionString = null, params string[] extraArgs)
    {
        var server = McpDriver.StdioServer(Folder, extraArgs);
        server["env"] = new JsonObject { ["MCPDATAENV_PG"] = connectionString ?? ServerConnectionString };
        return server;
    }

    public Task AdminAsync(params string[] statements) => PostgresCluster.ExecuteAsync(AdminDatabaseConnectionString, statements);

    public Task<object?> AdminScalarAsync(string sql) => PostgresCluster.ScalarAsync(AdminDatabaseConnectionString, sql);

    /// <summary>One md5 per relation of the schema over its full contents, plus the set of relations and the reader's attributes.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(AdminDatabaseConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        result["relations"] = string.Join(",", tables);
        foreach (var table in tables.Where(t => t.StartsWith("retail.", StringComparison.Ordinal) && t.EndsWith(":r", StringComparison.Ordinal)))
        {
            var name = table[..^2];
            await using var sum = new NpgsqlCommand($"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {name} t", connection);
            result[name] = (string)(await sum.ExecuteScalarAsync())!;
        }
        await using var role = new NpgsqlCommand(
            // Roles are cluster-wide: only this fixture's login and the shared reader are ours to watch (other test
            // classes create and drop their own logins concurrently).
            $"SELECT string_agg(rolname || rolsuper::text || rolcanlogin::text || rolinherit::text, ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'mcpdataenv%' OR rolname = '{Login}'", connection);
        result["roles"] = (string)(await role.ExecuteScalarAsync())!;
        return result;
    }

    private static async Task<string> SeedTemplateAsync()
    {
        var template = "e2e_seeded_" + Guid.NewGuid().ToString("N")[..12];
        await PostgresCluster.ExecuteAsync(PostgresCluster.AdminConnectionString, $"CREATE DATABASE {template}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresCluster.DropDatabaseAtExit(template);
        var seed = await ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, "seed", "--env", Folder], TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string?>
            {
                ["MCPDATAENV_PG"] = new NpgsqlConnectionStringBuilder(PostgresCluster.AdminConnectionString) { Database = template, Pooling = false }.ConnectionString,
            });
        seed.ExitCode.Should().Be(0, seed.Stderr);
        return template;
    }

    public async Task DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await PostgresCluster.ExecuteAsync(PostgresCluster.AdminConnectionString,
            $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", $"DROP ROLE IF EXISTS {Login}");
    }
}
