namespace McpDataEnv.Core.Environments;

/// <summary>One problem in an environment folder, naming the file and the key it concerns.</summary>
/// <param name="File">File name relative to the environment folder, e.g. <c>environment.yaml</c>.</param>
/// <param name="Key">Dotted key path, e.g. <c>database.path</c>; empty for file-level problems.</param>
/// <param name="Message">The full sentence after the file name, starting with the key, e.g. <c>database.path is required</c>.</param>
/// <remarks>Messages never contain the values of environment variables (they may be secrets).</remarks>
public sealed record ConfigError(string File, string Key, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}
