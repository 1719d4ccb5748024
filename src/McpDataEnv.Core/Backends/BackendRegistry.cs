using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Environments;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Core.Backends;

/// <summary>
/// The one place backend kinds are registered: <c>database.provider</c> in environment.yaml
/// names a factory here. Tools never see a driver, only <see cref="IDataBackend"/>.
/// </summary>
public static class BackendRegistry
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private static readonly IReadOnlyDictionary<string, Func<DatabaseSettings, IMemoryCache, ILoggerFactory, IDataBackend>> Factories =
        new Dictionary<string, Func<DatabaseSettings, IMemoryCache, ILoggerFactory, IDataBackend>>(StringComparer.Ordinal)
        {
            [Sqlite] = (settings, cache, loggers) => new SqliteBackend(settings.Path!, cache, loggers.CreateLogger<SqliteBackend>()),
            [Postgres] = (settings, cache, loggers) => new PostgresBackend(settings.ConnectionString!, settings.Schema, settings.ReaderRole, cache, loggers.CreateLogger<PostgresBackend>()),
        };

    public static IReadOnlyCollection<string> Kinds => (IReadOnlyCollection<string>)Factories.Keys;

    public static IDataBackend Create(DatabaseSettings settings, IMemoryCache cache, ILoggerFactory loggers) =>
        Factories.TryGetValue(settings.Provider, out var factory)
            ? factory(settings, cache, loggers)
            : throw new ArgumentException($"Unknown database provider '{settings.Provider}'. Known: {string.Join(", ", Factories.Keys)}.");
}
