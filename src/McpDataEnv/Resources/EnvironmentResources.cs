using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using McpDataEnv.Hosting;
using McpDataEnv.Tools;
using ModelContextProtocol.Server;

namespace McpDataEnv.Resources;

/// <summary>The environment's constitution and geography as MCP resources.</summary>
/// <remarks>Their text reaches the model: the policy and rules prose is written for it.</remarks>
[McpServerResourceType]
public sealed class EnvironmentResources
{
    public const string SafetyPolicyUri = "mcpdataenv://environment/safety_policy.md";
    public const string BusinessRulesUri = "mcpdataenv://environment/business_rules.md";
    public const string SchemaUri = "mcpdataenv://environment/schema";

    [McpServerResource(UriTemplate = SafetyPolicyUri, Name = "safety_policy.md", MimeType = "text/markdown")]
    [Description("The environment's safety policy: roles, what each may read, and how the server enforces it.")]
    public static string SafetyPolicy(EnvironmentRuntime runtime) => runtime.Environment.Policy.RawText;

    [McpServerResource(UriTemplate = BusinessRulesUri, Name = "business_rules.md", MimeType = "text/markdown")]
    [Description("The environment's business rules: canonical metric definitions and their SQL.")]
    public static string BusinessRules(EnvironmentRuntime runtime) => runtime.Environment.Rules.RawText;

    [McpServerResource(UriTemplate = SchemaUri, Name = "schema", MimeType = "application/json")]
    [Description("The annotated schema as your role may see it (same content as describe_schema).")]
    public static async Task<string> Schema(EnvironmentRuntime runtime, ICallerResolver callers, ClaimsPrincipal? user = null, CancellationToken cancellationToken = default)
    {
        var caller = callers.Resolve(user);
        var schema = await runtime.Schema.DescribeAsync(null, caller.Access, refresh: false, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(schema, ToolJson.Indented);
    }
}
