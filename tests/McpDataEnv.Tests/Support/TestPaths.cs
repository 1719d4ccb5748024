namespace McpDataEnv.Tests.Support;

/// <summary>Where the repository, the built server and the Node driver live, seen from the test binaries.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>bin/Debug or bin/Release: the server is taken from the same configuration as the tests.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServerDll { get; } = Path.Combine(RepoRoot, "src", "McpDataEnv", "bin", Configuration, "net10.0", "McpDataEnv.dll");

    public static string E2eFolder { get; } = Path.Combine(RepoRoot, "tests", "e2e");

    public static string RetailEnvironment { get; } = Path.Combine(RepoRoot, "environments", "retail");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McpDataEnv.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("McpDataEnv.sln not found above " + AppContext.BaseDirectory);
    }
}
