using McpDataEnv.Core.Environments;
using McpDataEnv.Hosting;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Hosting;

/// <summary>The guide sent on initialize, built from the retail environment's files (no database needed).</summary>
public sealed class ServerInstructionsTests
{
    [Fact]
    public void The_instructions_say_what_each_truncation_cap_means_and_what_to_do_about_it()
    {
        var environment = EnvironmentLoader.Load(TestPaths.RetailEnvironment).Environment!;
        var caller = EnvironmentBootstrap.CreateCaller(environment, role: null, principalName: "instructions-test");

        var text = ServerInstructions.Build(environment, schema: null, caller, ToolCatalog.All.Keys.ToList());

        text.Should().Contain("truncated=true")
            .And.Contain("truncated_by=rows, raise max_rows or aggregate")
            .And.Contain("truncated_by=bytes, raising max_rows will not help, select fewer or narrower columns");
    }
}
