namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>Scripts see no CLR object, so there is no file, network, environment or process access to reach.</summary>
public sealed class SandboxEscapeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("typeof require")]
    [InlineData("typeof process")]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clrHelper")]
    [InlineData("typeof setTimeout")]
    [InlineData("typeof XMLHttpRequest")]
    [InlineData("typeof fetch")]
    [InlineData("this.constructor.constructor('return typeof process')()")]
    [InlineData("Function('return typeof this.System')()")]
    [InlineData("typeof sql.GetType")]
    [InlineData("typeof inputs.GetType")]
    [InlineData("typeof console.log.GetType")]
    [InlineData("typeof sql('q')[0].GetType")]
    [InlineData("typeof sql('q').GetType")]
    [InlineData("typeof (function () { return this; })().GetType")]
    public async Task Nothing_from_the_host_is_reachable(string probe)
    {
        var result = await sandbox.RunAsync(probe);
        result.ResultJson.Should().Be("\"undefined\"");
    }

    [Fact]
    public async Task Globals_are_only_the_documented_host_api_and_es5_built_ins()
    {
        var result = await sandbox.RunAsync("Object.getOwnPropertyNames(this).filter(function (n) { return n.indexOf('__') !== 0; }).sort()");
        var names = result.Result.EnumerateArray().Select(n => n.GetString()).ToList();
        names.Should().Contain(["sql", "inputs", "console", "sum", "mean", "groupBy", "round", "JSON", "Math"]);
        names.Should().NotContain(["System", "importNamespace", "require", "process", "host"]);
    }

    [Fact]
    public async Task Prototype_pollution_does_not_survive_into_the_next_run()
    {
        for (var i = 0; i < 4; i++)
            await sandbox.RunAsync("Array.prototype.polluted = 1; Object.prototype.p2 = 2; JSON.stringify = function () { return 'hijacked'; }; sum = null; 1");
        for (var i = 0; i < 4; i++)
        {
            var result = await sandbox.RunAsync("[typeof [].polluted, typeof ({}).p2, JSON.stringify({a: 1}), sum([1, 2])]");
            result.ResultJson.Should().Be("""["undefined","undefined","{\"a\":1}",3]""");
        }
    }

    [Fact]
    public async Task Replacing_JSON_stringify_does_not_change_how_the_result_is_serialised()
    {
        var result = await sandbox.RunAsync("JSON.stringify = function () { return 'hijacked'; }; Object.prototype.toJSON = undefined; ({a: 1})");
        result.ResultJson.Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task A_secret_in_the_server_environment_is_not_inherited_by_workers()
    {
        Environment.SetEnvironmentVariable("MCPDATAENV_PG", "Host=db;Password=secret");
        try
        {
            sandbox.Sandbox.KillIdleWorkersForTest();
            var names = await sandbox.Sandbox.GetWorkerEnvironmentNamesAsync(CancellationToken.None);
            names.Should().NotContain("MCPDATAENV_PG").And.NotContain("PATH").And.Contain("DOTNET_GCHeapHardLimit");
            names.Should().OnlyContain(n => n.StartsWith("DOTNET_") || n == "HOME" || n == "TMPDIR");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MCPDATAENV_PG", null);
        }
    }
}
