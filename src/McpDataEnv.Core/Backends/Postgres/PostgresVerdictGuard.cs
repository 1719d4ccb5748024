using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// The batch command that keeps a remembered verdict honest about function volatility: placed before
/// <c>DECLARE</c>, it fails (and with it the rest of the pipelined batch) when any function the text calls has
/// become <c>VOLATILE</c> (and is not allow-listed) since the text was checked, so a redefined function is
/// never called on the strength of an old verdict. The caller then forgets the verdict and checks the text in full.
/// Only the verdict's names that are not built-ins' are checked, and without any the command is left out
/// (<see cref="PostgresVerdict"/>).
/// </summary>
internal static class PostgresVerdictGuard
{
    private const string StaleSetting = "mcpdataenv.verdict_is_stale";

    // current_setting of an unknown name raises (42704); being STABLE it is not folded at plan time, so it raises
    // only when the CASE picks it.
    public static NpgsqlBatchCommand Create(string[] functions) => new(
        "SELECT CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_proc WHERE proname = ANY($1::text[]) AND provolatile = 'v' " +
        $"AND proname <> ALL($2::text[])) THEN pg_catalog.current_setting('{StaleSetting}') END")
    {
        Parameters =
        {
            new NpgsqlParameter { Value = functions },
            new NpgsqlParameter { Value = PostgresFunctionPolicy.VolatileAllowed.ToArray() },
        },
    };

    /// <summary>True when <paramref name="e"/> is this guard's refusal.</summary>
    public static bool IsStale(PostgresException e) =>
        e.SqlState == "42704" && e.MessageText.Contains(StaleSetting, StringComparison.Ordinal);
}
