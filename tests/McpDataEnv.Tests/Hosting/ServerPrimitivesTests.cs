using System.Text.Json;
using McpDataEnv.Hosting;

namespace McpDataEnv.Tests.Hosting;

/// <summary>The SDK objects built once per process: complete, free of injected services, ready for strict clients.</summary>
public sealed class ServerPrimitivesTests
{
    private static readonly ServerPrimitives Built = ServerPrimitives.Get();

    [Fact]
    public void Every_tool_of_the_catalog_is_built_under_its_own_name()
    {
        Built.Tools.Keys.Should().BeEquivalentTo(ToolCatalog.All.Keys);
        Built.Tools.Should().OnlyContain(t => t.Value.ProtocolTool.Name == t.Key);
    }

    [Fact]
    public void No_input_schema_asks_the_client_for_a_service_the_server_injects()
    {
        foreach (var (name, tool) in Built.Tools)
        {
            var properties = tool.ProtocolTool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            properties.Should().NotContain(["runner", "runtime", "callers"], name);
        }
    }

    [Fact]
    public void No_schema_uses_the_boolean_schema_true_that_strict_clients_reject()
    {
        foreach (var (name, tool) in Built.Tools)
        {
            BooleanSchemas(tool.ProtocolTool.InputSchema).Should().Be(0, name);
            BooleanSchemas(tool.ProtocolTool.OutputSchema!.Value).Should().Be(0, name);
        }
    }

    [Fact]
    public void The_environment_and_memory_resources_and_the_analysis_prompt_are_built()
    {
        Built.EnvironmentResources.Should().HaveCount(3);
        Built.MemoryResources.Should().NotBeEmpty();
        var prompt = Built.Prompts.Should().ContainSingle().Subject.ProtocolPrompt;
        prompt.Arguments!.Select(a => a.Name).Should().Equal("question");
    }

    [Fact]
    public void Building_is_done_once_per_process()
    {
        ServerPrimitives.Get().Should().BeSameAs(Built);
    }

    private static int BooleanSchemas(JsonElement schema) => schema.ValueKind switch
    {
        JsonValueKind.Object => schema.EnumerateObject().Sum(p =>
            (p.Name is "properties" && p.Value.ValueKind == JsonValueKind.Object
                ? p.Value.EnumerateObject().Count(q => q.Value.ValueKind == JsonValueKind.True)
                : 0) + BooleanSchemas(p.Value)),
        JsonValueKind.Array => schema.EnumerateArray().Sum(BooleanSchemas),
        _ => 0,
    };
}
