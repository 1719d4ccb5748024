using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Tests.Sql;

public sealed class LiteralShapeTests
{
    [Theory]
    [InlineData("SELECT * FROM orders WHERE status = 'completed' LIMIT 25", "SELECT * FROM orders WHERE status = '' LIMIT 1")]
    [InlineData("SELECT 'it''s', 'x' || 'y'", "SELECT '', '' || ''")]
    [InlineData("SELECT 0, 07, 123456789, 5", "SELECT 0, 07, 1, 1")]
    public void Shape_blanks_plain_strings_and_short_integers(string sql, string shape) =>
        Shape(sql, SqlDialect.Sqlite).Should().Be(shape);

    [Theory]
    [InlineData("SELECT 1.5, 1e3, .5, 1234567890")]
    [InlineData("SELECT \"status\", [name], `x` FROM t -- 'not a string' 42")]
    [InlineData("SELECT x'00ff' /* 'comment' 12 */")]
    public void Shape_keeps_decimals_long_numbers_identifiers_and_trivia_verbatim(string sql)
    {
        var shape = Shape(sql, SqlDialect.Sqlite);

        foreach (var verbatim in new[] { "1.5", "1e3", ".5", "1234567890", "\"status\"", "[name]", "`x`", "-- 'not a string' 42", "/* 'comment' 12 */" })
        {
            if (sql.Contains(verbatim, StringComparison.Ordinal)) shape.Should().Contain(verbatim);
        }
    }

    [Fact]
    public void Shape_never_turns_an_integer_into_a_T_SQL_binary_literal()
    {
        Shape("SELECT 12x1F", SqlDialect.Sqlite).Should().Be("SELECT 1x1F");
        Shape("SELECT 0x1F", SqlDialect.Sqlite).Should().Be("SELECT 0x1F");
        Shape("SELECT 07x1F", SqlDialect.Sqlite).Should().Be("SELECT 07x1F");
    }

    [Fact]
    public void Texts_differing_only_in_literal_values_share_a_shape_and_others_do_not()
    {
        Shape("SELECT name FROM t WHERE id = 42 AND s = 'a'", SqlDialect.Postgres)
            .Should().Be(Shape("SELECT name FROM t WHERE id = 7 AND s = 'something else'", SqlDialect.Postgres));
        Shape("SELECT name FROM t WHERE id = 42", SqlDialect.Postgres)
            .Should().NotBe(Shape("SELECT email FROM t WHERE id = 42", SqlDialect.Postgres));
    }

    private static string Shape(string sql, SqlDialect dialect) =>
        LiteralShape.Of(sql, SqlLexer.Tokenize(sql, dialect).PlainLiterals);
}
