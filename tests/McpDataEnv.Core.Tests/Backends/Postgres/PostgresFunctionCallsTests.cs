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
