namespace McpDataEnv.Core.Environments.Yaml;

/// <summary>Collects the errors of one load so every problem is reported at once.</summary>
internal sealed class ConfigErrorSink
{
    private readonly List<ConfigError> errors = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    public int Count => errors.Count;

    /// <summary>Adds an error whose message is <c>key: detail</c> (or just the detail for file-level problems).</summary>
    public void At(string file, string key, string detail) =>
        errors.Add(new ConfigError(file, key, key.Length == 0 ? detail : $"{key}: {detail}"));

    /// <summary>Adds an error whose message is <c>key sentence</c>, e.g. <c>database.path is required</c>.</summary>
    public void Sentence(string file, string key, string sentence) =>
        errors.Add(new ConfigError(file, key, $"{key} {sentence}"));
}
