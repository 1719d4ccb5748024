using McpDataEnv.Core.Backends.Postgres;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// Where a PostgreSQL text names a type, read off the gate's tokens: every place the grammar reads one in a query is
/// found, in every spelling, and the names a query gives its tables, aliases and columns are not taken for types.
/// </summary>
public sealed class PostgresTypeNamesTests
{
    [Theory]
    [InlineData("SELECT (NULL::payroll).*")]
    [InlineData("SELECT (NULL::retail.payroll).*")]
    [InlineData("SELECT NULL :: /* c */ retail . \"payroll\"")]
    [InlineData("SELECT NULL::PAYROLL[]")]
    [InlineData("SELECT NULL::payroll ARRAY[3]")]
    [InlineData("SELECT ROW(1, 'x', 2)::payroll")]
    [InlineData("SELECT CAST(NULL AS retail.payroll)")]
    [InlineData("SELECT CAST((SELECT 1) AS payroll)")]
    [InlineData("SELECT XMLSERIALIZE(CONTENT NULL AS payroll)")]
    [InlineData("SELECT payroll '(1,x,2)'")]
    [InlineData("SELECT retail.payroll '(1,x,2)'")]
    [InlineData("SELECT payroll(1) '(1,x,2)'")]
    [InlineData("SELECT payroll $q$(1,x,2)$q$")]
    [InlineData("SELECT NULL::U&\"p\\0061yroll\"")]
    [InlineData("SELECT * FROM json_to_record('{}') AS x(a payroll)")]
    [InlineData("SELECT * FROM json_to_record('{}') x(a int, b retail.payroll)")]
    [InlineData("SELECT * FROM json_to_record('{}') AS x(int payroll)")] // a column-name keyword may name the column
    [InlineData("SELECT * FROM ROWS FROM (json_to_record('{}') AS (a payroll))")]
    [InlineData("SELECT * FROM XMLTABLE('/r' PASSING x COLUMNS a payroll PATH 'a')")]
    [InlineData("SELECT JSON_VALUE(j, '$' RETURNING payroll)")]
    public void A_type_in_any_position_the_grammar_reads_one_is_found(string sql) =>
        PostgresTypeNames.Find(PostgresTokens.Of(sql)).Should().Contain("payroll");

    [Theory]
    [InlineData("SELECT NULL::\"Payroll\"", "Payroll")] // quoted names stay exact
    [InlineData("SELECT '{}'::_payroll", "_payroll")] // the array type's own name
    public void A_type_name_is_read_as_PostgreSQL_folds_it(string sql, string name) =>
        PostgresTypeNames.Find(PostgresTokens.Of(sql)).Should().Contain(name);

    [Theory]
    [InlineData("SELECT count(*) AS payroll FROM orders")]
    [InlineData("SELECT p.salary FROM payroll p")]
    [InlineData("SELECT * FROM retail.payroll AS p")]
    [InlineData("WITH payroll AS (SELECT 1 AS x) SELECT x FROM payroll")]
    [InlineData("SELECT (SELECT payroll FROM t), CAST(n AS int) AS payroll FROM t")]
    [InlineData("SELECT * FROM orders o JOIN (payroll p JOIN regions r ON true) ON true")]
    [InlineData("SELECT count(DISTINCT payroll) FROM t")]
    [InlineData("SELECT 'NULL::payroll' /* CAST(x AS payroll) */")]
    [InlineData("SELECT payroll('(1,x,2)'), TREAT(NULL AS payroll)")] // PostgreSQL answers these alike whether payroll exists
    [InlineData("SELECT * FROM json_to_record('{}') AS x(a SETOF payroll)")] // likewise: refused before the type is looked up
    public void A_table_alias_or_column_named_like_a_table_is_not_a_type(string sql) =>
        PostgresTypeNames.Find(PostgresTokens.Of(sql)).Should().NotContain("payroll");
}
