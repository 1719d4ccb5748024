namespace McpDataEnv.Tests.Support;

/// <summary>A seeded retail copy whose environment.yaml also declares the HTTP test principals.</summary>
public sealed class HttpEnvironment : IAsyncLifetime
{
    private readonly SeededEnvironment _seeded = new();

    public string Folder => _seeded.Folder;

    public async Task InitializeAsync()
    {
        await _seeded.InitializeAsync();
        await File.AppendAllTextAsync(Path.Combine(Folder, "environment.yaml"), HttpTestServer.Principals);
    }

    public Task DisposeAsync() => _seeded.DisposeAsync();
}
