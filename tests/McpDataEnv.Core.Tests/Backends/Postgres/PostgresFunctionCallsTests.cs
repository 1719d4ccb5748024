using McpDataEnv.Core.Backends.Postgres;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>The function guard's text layer reads comments as PostgreSQL does, so no call hides from it.</summary>
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
}
