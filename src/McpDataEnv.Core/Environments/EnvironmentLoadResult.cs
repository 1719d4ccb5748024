namespace McpDataEnv.Core.Environments;

/// <summary>The outcome of loading a folder: the environment when valid, and every problem found.</summary>
/// <param name="Environment">Null whenever <see cref="Errors"/> is not empty.</param>
public sealed record EnvironmentLoadResult(EnvironmentDefinition? Environment, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Environment is not null && Errors.Count == 0;
}
