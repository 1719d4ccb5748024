using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>sql() rows shipped in the columnar wire format arrive as the same plain objects as before.</summary>
public sealed class SqlRowTableTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("var r = sql('q'); [r.length, r[0].id, r[0].name, r[0].id_2, r[1].name, r[1].ok, r[0].price]", """[2,1,"a\"b\n",10,null,false,12.5]""")]
    [InlineData("sql('q')[0].meta", """{"tags":["x","y"],"n":{"k":1}}""")]
    [InlineData("var r = sql('q'); [r instanceof Array, r[0] instanceof Object, Object.keys(r[0]).join(','), r.map(function (x) { return x.id; }).join('+')]", """[true,true,"id,name,id_2,meta,ok,price","1+2"]""")]
    [InlineData("var r = sql('q'); r.push({id: 3}); r[2].id + r.length", "6")]
    [InlineData("Object.prototype.id = 'polluted'; var r = sql('q'); [r[0].id, r[1].hasOwnProperty('meta'), r[1].meta]", "[1,true,null]")]
    public async Task Rows_are_plain_objects_keyed_by_unique_column_names(string code, string expected)
    {
        var result = await sandbox.RunAsync(code, sql: new TableSqlBridge());
        result.ResultJson.Should().Be(expected);
    }

    [Fact]
    public async Task Rows_are_counted_in_the_stats()
    {
        var result = await sandbox.RunAsync("sql('q'); sql('q').length", sql: new TableSqlBridge());
        result.Stats.SqlCalls.Should().Be(2);
        result.Stats.SqlRows.Should().Be(4);
    }

    [Fact]
    public async Task A_json_cell_nested_deeper_than_the_limit_is_a_catchable_range_error()
    {
        var result = await sandbox.RunAsync("try { sql('deep'); 'loaded' } catch (e) { e.name + ': ' + e.message }", sql: new TableSqlBridge());
        result.ResultJson.Should().Contain("RangeError").And.Contain("nested too deeply");
    }

    [Fact]
    public async Task The_per_call_row_cap_applies_to_tables_too()
    {
        var act = () => sandbox.RunAsync("sql('q').length", limits: SandboxFixture.Limits with { MaxSqlRowsPerCall = 1 }, sql: new TableSqlBridge());
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Message.Should().Contain("limit_exceeded");
    }
}
