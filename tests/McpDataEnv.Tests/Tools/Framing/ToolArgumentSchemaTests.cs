using System.Text.Json;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using McpDataEnv.Tools;

namespace McpDataEnv.Tests.Tools.Framing;

/// <summary>Arguments checked against each tool's published input schema before the SDK binds them.</summary>
public sealed class ToolArgumentSchemaTests
{
    private static DataEnvException? Problem(string tool, string arguments) =>
        ToolArgumentSchema.Problem(
            tool,
            ServerPrimitives.Get().Tools[tool].ProtocolTool.InputSchema,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments));

    [Theory]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1"}""")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","max_rows":5,"plan_id":null}""")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","max_rows":5.0}""")]
    [InlineData("describe_schema", """{}""")]
    [InlineData("describe_schema", """{"table":"orders","refresh":true}""")]
    [InlineData("run_script", """{"code":"1","inputs":{"a":[1,2]}}""")]
    [InlineData("triangulate_metric", """{"metric":"revenue","sql":"SELECT 1","script":"1","tolerance":0.02,"remember":false}""")]
    [InlineData("check_request", """{"question":"q","tables":["orders"],"columns":null}""")]
    [InlineData("memory_edit", """{"key":"k","new_value":"v","expected_version":0}""")]
    [InlineData("memory_search", """{"query":"revenue","limit":10,"tags":["verified"]}""")]
    public void Arguments_that_fit_the_schema_pass(string tool, string arguments) =>
        Problem(tool, arguments).Should().BeNull();

    [Fact]
    public void A_whole_number_written_with_a_fraction_is_passed_on_as_the_integer_the_binder_reads()
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"sql":"SELECT 1","max_rows":5.0}""")!;

        ToolArgumentSchema.Problem("run_readonly_sql", ServerPrimitives.Get().Tools["run_readonly_sql"].ProtocolTool.InputSchema, arguments)
            .Should().BeNull();
        arguments["max_rows"].GetRawText().Should().Be("5");
    }

    [Theory]
    [InlineData("run_readonly_sql", """{}""", "sql", "sql is required: one read-only SQL query")]
    [InlineData("run_readonly_sql", """{"sql":null}""", "sql", "sql is required")]
    [InlineData("triangulate_metric", """{"metric":"revenue","sql":"SELECT 1"}""", "script", "script is required: path B")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","maxrows":1}""", "maxrows",
        "run_readonly_sql has no argument 'maxrows' (did you mean 'max_rows'?). Its arguments: sql, max_rows, plan_id.")]
    [InlineData("run_readonly_sql", """{"query":"SELECT 1"}""", "query", "run_readonly_sql has no argument 'query'")]
    [InlineData("run_readonly_sql", """{"sql":123}""", "sql", "sql must be a string; got 123.")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","max_rows":"5"}""", "max_rows",
        "max_rows must be a whole number up to 2147483647, or null; got the string \"5\".")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","max_rows":1.5}""", "max_rows", "got 1.5.")]
    [InlineData("run_readonly_sql", """{"sql":"SELECT 1","max_rows":1e12}""", "max_rows", "got 1e12.")]
    [InlineData("describe_schema", """{"refresh":"yes"}""", "refresh", "refresh must be true or false; got the string \"yes\".")]
    [InlineData("describe_schema", """{"refresh":null}""", "refresh", "refresh must be true or false; got null.")]
    [InlineData("triangulate_metric", """{"metric":"m","sql":"s","script":"c","tolerance":"1%"}""", "tolerance", "tolerance must be a number, or null")]
    [InlineData("check_request", """{"question":"q","tables":"orders"}""", "tables", "tables must be an array, or null; got the string \"orders\".")]
    [InlineData("check_request", """{"question":"q","tables":["orders",3]}""", "tables", "every item of tables must be a string, or null; got 3.")]
    public void Misfit_arguments_are_refused_naming_the_argument_and_what_to_send(string tool, string arguments, string argument, string message)
    {
        var problem = Problem(tool, arguments);

        problem.Should().NotBeNull();
        problem!.Code.Should().Be(ErrorCodes.InvalidArgument);
        problem.Message.Should().Contain(message);
        problem.Details["argument"].Should().Be(argument);
        problem.Details["tool"].Should().Be(tool);
    }
}
