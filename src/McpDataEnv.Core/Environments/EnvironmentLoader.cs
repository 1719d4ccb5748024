using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Metrics;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Loads an environment folder: <c>environment.yaml</c>, <c>schema.yaml</c>, <c>safety_policy.md</c> and
/// <c>business_rules.md</c>. Every file is validated and every problem reported at once; nothing throws
/// for a bad folder.
/// </summary>
public static class EnvironmentLoader
{
    /// <param name="folder">The environment folder.</param>
    /// <param name="variables">Looks up <c>${VAR}</c> references; defaults to the process environment.</param>
    public static EnvironmentLoadResult Load(string folder, Func<string, string?>? variables = null)
    {
        var errors = new ConfigErrorSink();
        if (!Directory.Exists(folder))
        {
            errors.At(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), "", "environment folder not found");
            return new EnvironmentLoadResult(null, errors.Errors);
        }

        var root = Path.GetFullPath(folder);
        var lookup = variables ?? Environment.GetEnvironmentVariable;
        var file = ReadYaml(root, EnvironmentFileParser.FileName, errors, lookup) is { } section
            ? EnvironmentFileParser.Parse(section, root)
            : null;
        var schema = ReadYaml(root, file?.SchemaFile ?? EnvironmentFileParser.DefaultSchemaFile, errors, null) is { } s
            ? SchemaFileParser.Parse(s)
            : null;
        var policy = ReadMarkdown(root, file?.PolicyFile ?? EnvironmentFileParser.DefaultPolicyFile, errors, SafetyPolicyParser.Parse);
        var rules = ReadMarkdown(root, file?.RulesFile ?? EnvironmentFileParser.DefaultRulesFile, errors, BusinessRulesParser.Parse);
        if (file is not null && schema is not null && policy is not null)
        {
            PolicyCrossCheck.Check(policy, schema, file.Limits, file.PolicyFile, errors);
            PrincipalRoleCheck.Check(file, policy, errors);
        }

        if (errors.Count > 0 || file?.Database is null || schema is null || policy is null || rules is null)
        {
            return new EnvironmentLoadResult(null, errors.Errors);
        }

        var environment = new EnvironmentDefinition(
            file.Name, file.Description, root, file.Database, file.Limits, file.Tools,
            file.Scripts, file.Memory, file.Governance, schema, policy, rules)
        {
            Http = file.Http,
            Principals = file.Principals,
            Files = new EnvironmentFiles(file.SchemaFile, file.PolicyFile, file.RulesFile),
        };
        return new EnvironmentLoadResult(environment, errors.Errors);
    }

    private static string? ReadText(string root, string relative, ConfigErrorSink errors)
    {
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            errors.At(relative, "", "file not found");
            return null;
        }

        return File.ReadAllText(path);
    }

    private static YamlSection? ReadYaml(string root, string relative, ConfigErrorSink errors, Func<string, string?>? variables)
    {
        var text = ReadText(root, relative, errors);
        var node = text is null ? null : YamlDocumentReader.ReadMapping(text, relative, errors);
        return node is null ? null : new YamlSection(node, relative, "", errors, variables);
    }

    private static T? ReadMarkdown<T>(string root, string relative, ConfigErrorSink errors, Func<YamlSection, string, string, T> parse)
        where T : class
    {
        var text = ReadText(root, relative, errors);
        if (text is null)
        {
            return null;
        }

        var parts = FrontMatter.Split(text);
        if (parts.Yaml is null)
        {
            errors.At(relative, "", "must start with YAML front matter between '---' lines");
            return null;
        }

        var node = YamlDocumentReader.ReadMapping(parts.Yaml, relative, errors, parts.LineOffset);
        return node is null ? null : parse(new YamlSection(node, relative, "", errors, null), parts.Body, text);
    }
}
