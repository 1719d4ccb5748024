namespace McpDataEnv.Tests.Support;

/// <summary>
/// A private copy of an environment folder with its demo database built once, so tests never
/// touch the repository's own environments and can compare database bytes before and after.
/// </summary>
public sealed class SeededEnvironment : IAsyncLifetime
{
    private readonly string _source;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> _generous = new(StringComparer.Ordinal);

    public SeededEnvironment()
    {
        _source = TestPaths.RetailEnvironment;
        Folder = Path.Combine(Path.GetTempPath(), "mcpdataenv-tests", Guid.NewGuid().ToString("n"), Path.GetFileName(_source));
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "data", "retail.db");

    public string AuditPath => Path.Combine(Folder, "data", "audit.jsonl");

    /// <summary>Servers this fixture's tests share (<see cref="McpSession"/>); ended before the folder is deleted.</summary>
    public McpSessions Sessions { get; } = new();

    public async Task InitializeAsync()
    {
        CopyFolder(_source, Folder);
        await SeededDemoDatabase.CopyToAsync(DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await Sessions.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still hold the file for a moment; the temp folder is disposable.
        }
    }

    /// <summary>
    /// A sibling copy of this environment, its demo database included, with <paramref name="edit"/> applied to
    /// <c>environment.yaml</c>: for a test that needs one setting changed without building the database again.
    /// Deleted with this fixture.
    /// </summary>
    public string Variant(string name, Func<string, string> edit)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Folder)!, name, Path.GetFileName(Folder));
        CopyFolder(Folder, folder);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.Copy(DatabasePath, Path.Combine(folder, "data", "retail.db"));
        var yaml = Path.Combine(folder, "environment.yaml");
        var edited = edit(File.ReadAllText(yaml));
        edited.Should().NotBe(File.ReadAllText(yaml), "the variant must differ from the environment it copies");
        File.WriteAllText(yaml, edited);
        return folder;
    }

    /// <summary>
    /// A <see cref="Variant"/> with limits a loaded 2-core CI machine cannot hit by accident (scripts 120 s, statements
    /// 60 s): for tests whose point is not the limits, which have their own tests. Made once per name: asking again
    /// returns the same folder, so tests of one class can share it and its server.
    /// </summary>
    public string WithGenerousLimits(string name) => _generous.GetOrAdd(name, n => new Lazy<string>(() => Variant(n, yaml => yaml
        .Replace("  timeout_ms: 15000", "  timeout_ms: 120000", StringComparison.Ordinal)
        .Replace("statement_timeout_ms: 5000", "statement_timeout_ms: 60000", StringComparison.Ordinal)))).Value;

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
