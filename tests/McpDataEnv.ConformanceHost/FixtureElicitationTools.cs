using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace McpDataEnv.ConformanceHost;

/// <summary>The suite's elicitation fixtures (plain, SEP-1034 defaults, SEP-1330 enums).</summary>
[McpServerToolType]
public sealed class FixtureElicitationTools
{
    [McpServerTool(Name = "test_elicitation"), Description("Asks the user for a response.")]
    public static async Task<string> Elicit(McpServer server, [Description("Message to show")] string message, CancellationToken cancellationToken)
    {
        var schema = new RequestSchema { Properties = { ["response"] = new StringSchema { Description = "User's response" } } };
        var result = await server.ElicitAsync(new ElicitRequestParams { Message = message, RequestedSchema = schema }, cancellationToken);
        return $"User response: action={result.Action}";
    }

    [McpServerTool(Name = "test_elicitation_sep1034_defaults"), Description("Elicitation with default values.")]
    public static async Task<string> Defaults(McpServer server, CancellationToken cancellationToken)
    {
        var schema = new RequestSchema
        {
            Properties =
            {
                ["name"] = new StringSchema { Description = "Name", Default = "John Doe" },
                ["age"] = new NumberSchema { Type = "integer", Description = "Age", Default = 30 },
                ["score"] = new NumberSchema { Description = "Score", Default = 95.5 },
                ["status"] = new UntitledSingleSelectEnumSchema { Description = "Status", Enum = ["active", "inactive", "pending"], Default = "active" },
                ["verified"] = new BooleanSchema { Description = "Verified", Default = true },
            },
        };
        var result = await server.ElicitAsync(new ElicitRequestParams { Message = "Defaults for primitive types", RequestedSchema = schema }, cancellationToken);
        return $"Elicitation completed: action={result.Action}";
    }

    [McpServerTool(Name = "test_elicitation_sep1330_enums"), Description("Elicitation with every enum form.")]
    public static async Task<string> Enums(McpServer server, CancellationToken cancellationToken)
    {
        string[] options = ["option1", "option2", "option3"];
        var schema = new RequestSchema
        {
            Properties =
            {
                ["untitledSingle"] = new UntitledSingleSelectEnumSchema { Description = "One option", Enum = options },
                ["titledSingle"] = new TitledSingleSelectEnumSchema { Description = "One titled option", OneOf = Titled("First Option", "Second Option", "Third Option") },
#pragma warning disable MCP9001 // The legacy enumNames form is what the suite checks.
                ["legacyEnum"] = new LegacyTitledEnumSchema { Description = "Legacy", Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"] },
#pragma warning restore MCP9001
                ["untitledMulti"] = new UntitledMultiSelectEnumSchema { Description = "Several options", Items = new UntitledEnumItemsSchema { Enum = options } },
                ["titledMulti"] = new TitledMultiSelectEnumSchema { Description = "Several titled", Items = new TitledEnumItemsSchema { AnyOf = Titled("First Choice", "Second Choice", "Third Choice") } },
            },
        };
        var result = await server.ElicitAsync(new ElicitRequestParams { Message = "Enum schemas", RequestedSchema = schema }, cancellationToken);
        return $"Elicitation completed: action={result.Action}";
    }

    private static List<EnumSchemaOption> Titled(params string[] titles) =>
        titles.Select((title, i) => new EnumSchemaOption { Const = $"value{i + 1}", Title = title }).ToList();
}
