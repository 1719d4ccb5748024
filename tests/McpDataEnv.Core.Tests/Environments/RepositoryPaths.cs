namespace McpDataEnv.Core.Tests.Environments;

/// <summary>Finds the repository's demo environments from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Environment(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpDataEnv.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "environments", name);
    }
}
