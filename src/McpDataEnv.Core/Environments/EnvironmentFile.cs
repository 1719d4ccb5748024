namespace McpDataEnv.Core.Environments;

/// <summary>What <c>environment.yaml</c> says, before the other files are read.</summary>
/// <param name="SchemaFile">Path of the schema annotations, relative to the folder.</param>
/// <param name="PolicyFile">Path of the safety policy, relative to the folder.</param>
/// <param name="RulesFile">Path of the business rules, relative to the folder.</param>
internal sealed record EnvironmentFile(
    string Name,
    string Description,
    DatabaseSettings? Database,
    LimitSettings Limits,
    IReadOnlyList<string> Tools,
    ScriptSettings Scripts,
    MemorySettings Memory,
    GovernanceSettings Governance,
    string SchemaFile,
    string PolicyFile,
    string RulesFile)
{
    public HttpSettings Http { get; init; } = HttpSettings.Defaults;

    public IReadOnlyList<PrincipalSettings> Principals { get; init; } = [];
}
