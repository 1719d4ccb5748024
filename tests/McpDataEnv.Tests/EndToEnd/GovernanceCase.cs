namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// One row of a role's table: a query and the outcome it must get, with the PostgreSQL spelling and outcome where the
/// dialect or the engine's semantics differ (null: the same as on SQLite).
/// </summary>
internal sealed record GovernanceCase(string Sql, string Expected, string? PostgresSql = null, string? PostgresExpected = null)
{
    public static implicit operator GovernanceCase((string Sql, string Expected) row) => new(row.Sql, row.Expected);

    public (string Sql, string Expected) On(GovernanceBackend backend) =>
        backend == GovernanceBackend.Postgres ? (PostgresSql ?? Sql, PostgresExpected ?? Expected) : (Sql, Expected);
}

/// <summary>The backends the governance tables run on.</summary>
public enum GovernanceBackend
{
    Sqlite,
    Postgres,
}
