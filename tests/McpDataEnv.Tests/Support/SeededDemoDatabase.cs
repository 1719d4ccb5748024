namespace McpDataEnv.Tests.Support;

/// <summary>
/// The SQLite demo database, built once per test run by the real CLI (<c>mcpdataenv seed</c>) and copied into every
/// <see cref="SeededEnvironment"/>: seeding is deterministic (the same bytes on every machine), so a copy is the file a
/// seed of the fixture's own folder would write, for ~20 ms instead of a process and ~1.5 s of CPU per fixture.
/// </summary>
/// <remarks>The seed command itself is tested where it is the subject (CliTests seeds and serves a fresh folder).</remarks>
public static class SeededDemoDatabase
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "mcpdataenv-tests", "seeded-" + Guid.NewGuid().ToString("n"));
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    /// <summary>Copies the demo database to <paramref name="target"/> (building it on first use).</summary>
    public static async Task CopyToAsync(string target)
    {
        var built = await Built.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(built, target);
    }

    private static async Task<string> BuildAsync()
    {
        var folder = Path.Combine(Root, Path.GetFileName(TestPaths.RetailEnvironment));
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder: best effort at exit.
            }
        };
        var seed = await ProcessRunner.RunCliAsync("seed", "--env", folder);
        seed.ExitCode.Should().Be(0, seed.Stderr);
        return Path.Combine(folder, "data", "retail.db");
    }
}
