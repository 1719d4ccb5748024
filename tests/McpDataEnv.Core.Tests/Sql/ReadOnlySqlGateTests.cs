using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Tests.Sql;

public sealed class ReadOnlySqlGateTests
{
    private static readonly ReadOnlySqlGate Gate = new();

    [Theory]
    [MemberData(nameof(SqliteGateCorpus.Refused), MemberType = typeof(SqliteGateCorpus))]
    public void Gate_refuses_SQLite_text_with_the_specific_reason(string sql, string reason) =>
        AssertRefused(sql, SqlDialect.Sqlite, reason);

    [Theory]
    [MemberData(nameof(SqliteGateCorpus.Allowed), MemberType = typeof(SqliteGateCorpus))]
    public void Gate_accepts_legitimate_SQLite_queries(string sql) =>
        AssertAllowed(sql, SqlDialect.Sqlite);

    [Theory]
    [MemberData(nameof(PostgresGateCorpus.Refused), MemberType = typeof(PostgresGateCorpus))]
    public void Gate_refuses_PostgreSQL_text_with_the_specific_reason(string sql, string reason) =>
        AssertRefused(sql, SqlDialect.Postgres, reason);

    [Theory]
    [MemberData(nameof(PostgresGateCorpus.Allowed), MemberType = typeof(PostgresGateCorpus))]
    public void Gate_accepts_legitimate_PostgreSQL_analytics(string sql) =>
        AssertAllowed(sql, SqlDialect.Postgres);

    private static void AssertAllowed(string sql, SqlDialect dialect)
    {
        var verdict = Gate.Check(sql, dialect);
        verdict.IsAllowed.Should().BeTrue("the gate said {0}: {1}", verdict.Reason, verdict.Message);
    }

    private static void AssertRefused(string sql, SqlDialect dialect, string reason)
    {
        var verdict = Gate.Check(sql, dialect);
        verdict.IsAllowed.Should().BeFalse();
        verdict.Reason.Should().Be(reason, "because of {0}", verdict.Message);
        verdict.Message.Should().NotBeNullOrWhiteSpace();
    }
}
