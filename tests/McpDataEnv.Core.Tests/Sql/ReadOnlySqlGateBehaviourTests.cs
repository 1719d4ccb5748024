using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Tests.Sql;

public sealed class ReadOnlySqlGateBehaviourTests
{
    [Fact]
    public void Gate_refuses_text_over_the_default_cap_of_20000_characters()
    {
        using var gate = new ReadOnlySqlGate();
        var sql = "SELECT 1" + new string(' ', 20_000);

        var verdict = gate.Check(sql, SqlDialect.Sqlite);

        verdict.Reason.Should().Be(GateReasons.TooLong);
        verdict.Message.Should().Contain("20000");
        gate.Check("SELECT 1" + new string(' ', 19_000), SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void Gate_honours_a_configured_length_cap()
    {
        using var gate = new ReadOnlySqlGate(new ReadOnlySqlGateOptions { MaxLength = 10 });

        gate.Check("SELECT 1234567", SqlDialect.Postgres).Reason.Should().Be(GateReasons.TooLong);
        gate.Check("SELECT 1", SqlDialect.Postgres).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void Gate_message_counts_the_statements_it_found()
    {
        using var gate = new ReadOnlySqlGate();

        gate.Check("SELECT 1; SELECT 2; SELECT 3", SqlDialect.Postgres).Message
            .Should().Be("Only one statement per call: found 3. Send each query separately.");
    }

    [Theory]
    [InlineData("SELECT 1 SELECT 2")]
    [InlineData("SELECT 1\nGO\nSELECT 2")]
    public void ScriptDom_cross_check_refuses_what_only_T_SQL_reads_as_two_statements(string sql)
    {
        using var withScriptDom = new ReadOnlySqlGate();
        using var dialectOnly = new ReadOnlySqlGate(new ReadOnlySqlGateOptions { CrossCheckWithScriptDom = false });

        withScriptDom.Check(sql, SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
        dialectOnly.Check(sql, SqlDialect.Sqlite).IsAllowed.Should().BeTrue("the engine itself rejects this syntax");
    }

    [Theory]
    [InlineData("SELECT 1; COMMIT; DROP TABLE orders", GateReasons.MultipleStatements)]
    [InlineData("WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d", GateReasons.Write)]
    [InlineData("SELECT * FROM pg_read_file('/etc/passwd')", GateReasons.ForbiddenFunction)]
    public void Dialect_rules_hold_without_the_ScriptDom_cross_check(string sql, string reason)
    {
        using var gate = new ReadOnlySqlGate(new ReadOnlySqlGateOptions { CrossCheckWithScriptDom = false });

        gate.Check(sql, SqlDialect.Postgres).Reason.Should().Be(reason);
    }

    [Fact]
    public void Gate_caches_per_dialect_so_the_same_text_can_differ_between_dialects()
    {
        using var gate = new ReadOnlySqlGate();
        const string sql = "SELECT 1 /* /* */ ; SELECT 2; */";

        gate.Check(sql, SqlDialect.Postgres).IsAllowed.Should().BeTrue("PostgreSQL nests comments");
        gate.Check(sql, SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements, "SQLite does not");
        gate.Check(sql, SqlDialect.Postgres).IsAllowed.Should().BeTrue();
        gate.Check(sql, SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
    }

    [Fact]
    public void Gate_gives_the_same_verdicts_when_called_concurrently()
    {
        using var gate = new ReadOnlySqlGate(new ReadOnlySqlGateOptions { CacheSizeChars = 2_000 });
        var cases = PostgresGateCorpus.Refused.Cast<object[]>().Select(r => ((string)r[0], (string?)r[1]))
            .Concat(PostgresGateCorpus.Allowed.Cast<object[]>().Select(r => ((string)r[0], (string?)null)))
            .ToArray();

        var mismatches = 0;
        Parallel.For(0, cases.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (sql, reason) = cases[i % cases.Length];
            if (gate.Check(sql, SqlDialect.Postgres).Reason != reason)
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        mismatches.Should().Be(0);
    }

    [Fact]
    public void ScriptDom_is_asked_once_per_query_shape_not_once_per_literal_value()
    {
        using var gate = new ReadOnlySqlGate();

        gate.Check("SELECT name FROM products WHERE product_id = 1 AND category = 'toys'", SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
        gate.Check("SELECT name FROM products WHERE product_id = 42 AND category = 'garden'", SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
        gate.ScriptDomRuns.Should().Be(1);

        gate.Check("SELECT sku FROM products WHERE product_id = 42 AND category = 'garden'", SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
        gate.ScriptDomRuns.Should().Be(2, "another column is another shape");
    }

    [Fact]
    public void A_ScriptDom_refusal_holds_for_every_literal_value_of_the_same_shape()
    {
        using var gate = new ReadOnlySqlGate();

        gate.Check("SELECT 7 SELECT 'a'", SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
        gate.Check("SELECT 1 SELECT 'b'", SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
        gate.ScriptDomRuns.Should().Be(1);
    }

    [Fact]
    public void A_remembered_shape_never_answers_for_a_text_of_another_shape()
    {
        using var gate = new ReadOnlySqlGate();

        gate.Check("SELECT a FROM t_2", SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
        gate.Check("SELECT 1 SELECT 2", SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
        gate.Check("SELECT 'x' WHERE 1", SqlDialect.Sqlite).IsAllowed.Should().BeTrue();
        gate.Check("SELECT 'x' SELECT 1", SqlDialect.Sqlite).Reason.Should().Be(GateReasons.MultipleStatements);
    }

    [Fact]
    public void Literal_variants_of_every_corpus_text_get_the_verdict_an_uncached_gate_gives()
    {
        using var gate = new ReadOnlySqlGate();
        var corpus = SqliteGateCorpus.Refused.Cast<object[]>().Select(r => ((string)r[0], SqlDialect.Sqlite))
            .Concat(SqliteGateCorpus.Allowed.Cast<object[]>().Select(r => ((string)r[0], SqlDialect.Sqlite)))
            .Concat(PostgresGateCorpus.Refused.Cast<object[]>().Select(r => ((string)r[0], SqlDialect.Postgres)))
            .Concat(PostgresGateCorpus.Allowed.Cast<object[]>().Select(r => ((string)r[0], SqlDialect.Postgres)))
            .ToArray();
        foreach (var (sql, dialect) in corpus) gate.Check(sql, dialect);

        foreach (var (sql, dialect) in corpus)
        {
            var variant = System.Text.RegularExpressions.Regex.Replace(sql.Replace("'", "'z"), "[0-9]+", "9");
            using var fresh = new ReadOnlySqlGate();
            gate.Check(variant, dialect).Should().BeEquivalentTo(fresh.Check(variant, dialect), variant);
        }
    }
}
