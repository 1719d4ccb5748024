using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class VariableSubstitutionTests
{
    private static EnvironmentLoadResult Load(string connectionString, Func<string, string?> variables)
    {
        using var folder = new EnvironmentFolder(environment: $"name: tiny\ndatabase: {{ provider: postgres, connection_string: '{connectionString}' }}");
        return EnvironmentLoader.Load(folder.Path, variables);
    }

    [Theory]
    [InlineData("${PG}", "Host=secret-host")]
    [InlineData("Host=${HOST};Port=${PORT:-5432}", "Host=h1;Port=5432")]
    [InlineData("${MISSING:-Host=fallback}", "Host=fallback")]
    [InlineData("${EMPTY:-Host=fallback}", "Host=fallback")]
    [InlineData("plain text", "plain text")]
    [InlineData("$${NOT_A_VAR}", "${NOT_A_VAR}")]
    [InlineData("Host=${HOST};Options=$${HOST}", "Host=h1;Options=${HOST}")]
    [InlineData("Password=$${NOT_CLOSED", "Password=${NOT_CLOSED")]
    [InlineData("Password=pa$$word", "Password=pa$$word")]
    public void Loader_substitutes_variables_before_validating(string raw, string expected)
    {
        var variables = new Dictionary<string, string> { ["PG"] = "Host=secret-host", ["HOST"] = "h1", ["EMPTY"] = "" };

        var result = Load(raw, name => variables.GetValueOrDefault(name));

        result.Errors.Should().BeEmpty();
        result.Environment!.Database.ConnectionString.Should().Be(expected);
    }

    [Fact]
    public void An_unset_variable_is_named_but_no_value_is_printed()
    {
        var result = Load("Host=${HOST};Password=${PG_PASSWORD}", name => name == "HOST" ? "leaky-host-value" : null);

        var error = result.Errors.Should().ContainSingle().Subject.ToString();
        error.Should().Be("environment.yaml: database.connection_string uses ${PG_PASSWORD}, which is not set (set the environment variable or write ${PG_PASSWORD:-default})");
        error.Should().NotContain("leaky-host-value");
    }

    [Fact]
    public void A_malformed_reference_is_an_error()
    {
        var result = Load("Host=${HOST", _ => "x");

        result.Errors.Select(e => e.ToString()).Should().Equal(
            "environment.yaml: database.connection_string has a malformed ${...} reference (write ${NAME} or ${NAME:-default}; $${ for a literal ${)");
    }

    [Fact]
    public void An_escaped_reference_is_not_looked_up_but_a_normal_one_still_is()
    {
        var asked = new List<string>();
        var variables = new Dictionary<string, string> { ["SECRET"] = "must-not-appear", ["HOST"] = "h1" };

        var result = Load("Host=${HOST};Options=$${SECRET}", name =>
        {
            asked.Add(name);
            return variables.GetValueOrDefault(name);
        });

        result.Errors.Should().BeEmpty();
        result.Environment!.Database.ConnectionString.Should().Be("Host=h1;Options=${SECRET}");
        asked.Should().Equal("HOST");
    }

    [Theory]
    [InlineData("$${LITERAL}${BROKEN")]
    [InlineData("${BROKEN $${LITERAL}")]
    public void A_malformed_reference_beside_an_escape_is_still_an_error(string raw)
    {
        var result = Load(raw, _ => "x");

        result.Errors.Select(e => e.ToString()).Should().Equal(
            "environment.yaml: database.connection_string has a malformed ${...} reference (write ${NAME} or ${NAME:-default}; $${ for a literal ${)");
    }

    [Fact]
    public void A_substituted_number_is_validated_after_substitution()
    {
        using var folder = new EnvironmentFolder(environment: "name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { max_rows: '${ROWS}' }");

        EnvironmentLoader.Load(folder.Path, _ => "500").Environment!.Limits.MaxRows.Should().Be(500);
        EnvironmentLoader.Load(folder.Path, _ => "many").Errors.Select(e => e.ToString())
            .Should().Equal("environment.yaml: limits.max_rows must be a positive integer");
    }
}
