using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>The function guard's text layer reads text as PostgreSQL does (the gate's lexer), so no call hides from it.</summary>
public sealed class PostgresFunctionCallsTests
{
    [Theory]
    [InlineData("SELECT 1 --x\rUNION SELECT pg_sleep(1)")]
    [InlineData("SELECT 1 --x\r\nUNION SELECT pg_sleep(1)")]
    [InlineData("SELECT 1 --x\nUNION SELECT pg_sleep(1)")]
    [InlineData("SELECT 1 /* a /* nested */ b */ UNION SELECT pg_sleep(1)")]
    public void A_call_after_a_comment_that_PostgreSQL_ends_is_found(string sql) =>
        PostgresFunctionCalls.Find(sql).Should().Contain("pg_sleep");

    [Theory]
    [InlineData("SELECT 1 -- pg_sleep(1)")]
    [InlineData("SELECT 1 /* pg_sleep(1) /* nested */ still a comment */")]
    [InlineData("SELECT 'pg_sleep(1)'")]
    public void A_name_inside_a_comment_or_string_is_not_a_call(string sql) =>
        PostgresFunctionCalls.Find(sql).Should().NotContain("pg_sleep");

    [Theory]
    [InlineData("SELECT 1pg_sleep(1)", "pg_sleep")] // a number ends where its digits end, as in PostgreSQL
    [InlineData("SELECT U&\"pg\\005fsleep\"(1)", "pg_sleep")]
    [InlineData("SELECT U&\"pg!005fread!005ffile\" UESCAPE '!' ('x')", "pg_read_file")]
    [InlineData("SELECT PG_Sleep(1)", "pg_sleep")] // unquoted names fold to lower case
    [InlineData("SELECT \"PG_Sleep\"(1)", "PG_Sleep")] // quoted names stay exact
    [InlineData("SELECT pg_catalog . \"pg_ls_dir\" /* c */ ('.')", "pg_ls_dir")]
    public void A_call_is_found_under_the_name_PostgreSQL_resolves(string sql, string name) =>
        PostgresFunctionCalls.Find(sql).Should().Contain(name);

    [Theory]
    [InlineData("SELECT CASE WHEN (a > 1) THEN (a + b) ELSE (b) END FROM t")]
    [InlineData("SELECT 1 FROM t WHERE x IN (1, 2) AND (y OR (z)) AND NOT (w) AND EXISTS (SELECT 1)")]
    [InlineData("SELECT CAST(x AS numeric(12, 2)), COALESCE(a, b), NULLIF(a, 0), EXTRACT(year FROM d) FROM t")]
    [InlineData("SELECT x = ANY (ARRAY[1]), ROW(1, 2), current_timestamp(3) FROM t")]
    public void Keywords_the_grammar_never_reads_as_a_function_name_are_not_calls(string sql) =>
        PostgresFunctionCalls.Find(sql).Should().BeEmpty();

    [Theory]
    [InlineData("SELECT sum(x) OVER (PARTITION BY y), rank() OVER (ORDER BY x) FROM t", "sum", "rank")]
    [InlineData("SELECT count(*) FILTER (WHERE x > 1) OVER (w) FROM t WINDOW w AS (ORDER BY x)", "count")]
    [InlineData("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE y) FROM t", "percentile_cont")]
    [InlineData("SELECT \"Sum\"(x) over (order by x) FROM t", "Sum")]
    public void The_window_and_filter_clauses_of_a_call_are_not_calls(string sql, params string[] calls) =>
        PostgresFunctionCalls.Find(sql).Should().BeEquivalentTo(calls);

    [Theory]
    [InlineData("SELECT DISTINCT ON (a) over(b) FROM t", "over")] // after DISTINCT ON (...) a target list begins
    [InlineData("SELECT (a) + filter(b) FROM t", "filter")]
    [InlineData("SELECT sum(x) \"over\"(1) FROM t", "over")] // a quoted name is never the keyword
    public void Over_and_filter_anywhere_else_stay_calls(string sql, string name) =>
        PostgresFunctionCalls.Find(sql).Should().Contain(name);

    [Theory]
    [InlineData("SELECT \"in\"(1)", "in")] // quoted: a call of a function named in
    [InlineData("SELECT left(name, 3), right(name, 2) FROM t", "left")] // keywords that can be function names
    [InlineData("SELECT count(*) FILTER (WHERE x) FROM t", "count")]
    public void Quoted_names_and_keywords_that_can_be_function_names_stay_calls(string sql, string name) =>
        PostgresFunctionCalls.Find(sql).Should().Contain(name);

    [Theory]
    [InlineData("SELECT 'unterminated")]
    [InlineData("SELECT 1 /* unterminated")]
    [InlineData("SELECT $tag$ unterminated")]
    [InlineData("SELECT U&\"\\zzzz\"()")]
    public void A_text_the_lexer_cannot_read_is_refused_not_skipped(string sql)
    {
        var act = () => PostgresFunctionCalls.Find(sql);
        act.Should().Throw<DataEnvException>().Which.Code.Should().Be(ErrorCodes.EngineRefused);
    }
}
