namespace McpDataEnv.Tests.Support;

/// <summary>
/// A seeded retail copy for memory end-to-end tests: the HTTP test principals are declared, and the write rate is
/// raised so bursts from several tests sharing the store are not rate limited (the limit itself is tested in the core).
/// </summary>
public sealed class MemoryEnvironment : IAsyncLifetime
{
    private readonly SeededEnvironment _seeded = new();

    /// <summary>A second analyst, so scope isolation is tested between two principals of the same role.</summary>
    public const string CarolKey = "carol-test-key-5555555555";

    /// <summary>An EMEA manager: reads the shared team scope but may not write it.</summary>
    public const string ErinKey = "erin-test-key-7777777777";

    public string Folder => _seeded.Folder;

    /// <inheritdoc cref="SeededEnvironment.Sessions"/>
    public McpSessions Sessions => _seeded.Sessions;

    public string MemoryDatabasePath => Path.Combine(Folder, "data", "memory.db");

    public async Task InitializeAsync()
    {
        await _seeded.InitializeAsync();
        var file = Path.Combine(Folder, "environment.yaml");
        var yaml = await File.ReadAllTextAsync(file);
        yaml.Should().Contain("writes_per_minute: 120");
        await File.WriteAllTextAsync(file, yaml.Replace("writes_per_minute: 120", "writes_per_minute: 100000") + HttpTestServer.Principals + $$"""

              carol:
                role: analyst
                key_sha256: {{Convert.ToHexStringLower(McpDataEnv.Http.ApiKeyDirectory.Hash(CarolKey))}}
              erin:
                role: emea_manager
                key_sha256: {{Convert.ToHexStringLower(McpDataEnv.Http.ApiKeyDirectory.Hash(ErinKey))}}
            """);
    }

    public Task DisposeAsync() => _seeded.DisposeAsync();
}
