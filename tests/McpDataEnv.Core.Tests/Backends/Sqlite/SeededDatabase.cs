using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Demo;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>
/// A private copy of the seeded scale-1 retail database in its own temp folder. The database is
/// generated and seeded once per test run; each fixture copies it so tests cannot affect each other.
/// </summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public static Lazy<RetailDataset> Dataset { get; } = new(() => RetailGenerator.Generate());

    private static readonly Lazy<string> Template = new(() =>
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("mcpdataenv-template-").FullName;
        var path = System.IO.Path.Combine(dir, "retail.db");
        SqliteSeeder.Write(path, Dataset.Value, CancellationToken.None);
        return path;
    });

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("mcpdataenv-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(Directory, "retail.db");

    public SqliteBackend Backend { get; private set; } = null!;

    public Task InitializeAsync()
    {
        File.Copy(Template.Value, Path);
        Backend = new SqliteBackend(Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
