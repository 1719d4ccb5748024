using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates <c>environment.yaml</c> key by key.</summary>
internal static partial class EnvironmentFileParser
{
    public const string FileName = "environment.yaml";
    public const string DefaultSchemaFile = "schema.yaml";
    public const string DefaultPolicyFile = "safety_policy.md";
    public const string DefaultRulesFile = "business_rules.md";

    public static EnvironmentFile Parse(YamlSection root, string folder)
    {
        root.AllowOnly("name", "description", "database", "limits", "tools", "scripts", "memory", "governance", "files", "http", "principals");
        var name = root.String("name", required: true) ?? "";
        if (name.Length > 0 && !EnvironmentName().IsMatch(name))
        {
            root.Sentence("name", "must be lowercase letters, digits, '-' or '_' (it names the environment to clients)");
        }

        var database = DatabaseSettingsParser.Parse(root.Section("database", required: true), folder);
        var files = root.Section("files");
        files?.AllowOnly("schema", "safety_policy", "business_rules");
        return new EnvironmentFile(
            name,
            root.String("description") ?? "",
            database,
            LimitSettingsParser.Parse(root.Section("limits")),
            ParseTools(root),
            ScriptSettingsParser.Parse(root.Section("scripts")),
            MemorySettingsParser.Parse(root.Section("memory")),
            GovernanceSettingsParser.Parse(root.Section("governance")),
            files?.String("schema") ?? DefaultSchemaFile,
            files?.String("safety_policy") ?? DefaultPolicyFile,
            files?.String("business_rules") ?? DefaultRulesFile)
        {
            Http = HttpSettingsParser.Parse(root.Section("http"), folder),
            Principals = PrincipalSettingsParser.Parse(root.Section("principals")),
        };
    }

    private static IReadOnlyList<string> ParseTools(YamlSection root)
    {
        var tools = root.StringList("tools");
        if (tools is null)
        {
            return KnownTools.All;
        }

        foreach (var tool in tools.Where(t => !KnownTools.IsKnown(t)))
        {
            root.Error("tools", $"unknown tool '{tool}'{DidYouMean.Suffix(tool, KnownTools.All)}; known tools: {string.Join(", ", KnownTools.All)}");
        }

        foreach (var tool in tools.GroupBy(t => t).Where(g => g.Count() > 1))
        {
            root.Error("tools", $"'{tool.Key}' is listed twice");
        }

        return tools.Where(KnownTools.IsKnown).Distinct().ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex EnvironmentName();
}
