namespace McpDataEnv.Tests.Support;

/// <summary>
/// A fresh folder under the temp directory's <c>mcpdataenv-tests/</c>, deleted with everything in it on dispose, so
/// copies of environments (and the databases built in them) do not pile up run after run.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mcpdataenv-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string Child(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still hold a file for a moment; the temp folder is disposable.
        }
    }
}
