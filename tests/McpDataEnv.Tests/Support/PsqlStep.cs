using System.Text.Json.Nodes;
using Npgsql;

namespace McpDataEnv.Tests.Support;

/// <summary>A driver step that runs SQL with psql between two tool calls of a live session (e.g. DDL by an admin).</summary>
public static class PsqlStep
{
    /// <param name="binDirectory">PostgreSQL's bin folder; by default the test cluster's (MCPDATAENV_TEST_PG_BIN).</param>
    public static JsonObject Create(string connectionString, string sql, string? binDirectory = null) =>
        new() { ["op"] = "exec", ["command"] = "bash", ["args"] = new JsonArray("-c", Command(connectionString, sql, binDirectory)) };

    /// <summary>The bash command line behind <see cref="Create"/>: <paramref name="sql"/> goes inside double quotes, so it
    /// may not contain <c>"</c>, <c>$</c> or backticks.</summary>
    public static string Command(string connectionString, string sql, string? binDirectory = null)
    {
        var bin = binDirectory ?? Environment.GetEnvironmentVariable("MCPDATAENV_TEST_PG_BIN")
            ?? throw new InvalidOperationException("MCPDATAENV_TEST_PG_BIN is not set: source the test cluster's env file.");
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PGPASSWORD='{cs.Password}' '{Path.Combine(bin, "psql")}' -v ON_ERROR_STOP=1 -h {cs.Host} -p {cs.Port} -U {cs.Username} -d {cs.Database} -Atc \"{sql}\"";
    }
}
