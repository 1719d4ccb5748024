namespace McpDataEnv.Core.Environments;

/// <summary>
/// Where an environment's annotation and constitution files are, relative to its folder, as written under
/// <c>files:</c> in <c>environment.yaml</c> (several environments may share one set, e.g. <c>../retail/schema.yaml</c>).
/// Errors found later, against the live database, name these paths so the user opens the right file.
/// </summary>
public sealed record EnvironmentFiles(string Schema, string SafetyPolicy, string BusinessRules)
{
    public static readonly EnvironmentFiles Defaults = new(
        EnvironmentFileParser.DefaultSchemaFile, EnvironmentFileParser.DefaultPolicyFile, EnvironmentFileParser.DefaultRulesFile);
}
