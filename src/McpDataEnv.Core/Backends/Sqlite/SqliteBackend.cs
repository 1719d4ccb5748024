using System.Collections.Concurrent;
using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// The embedded default backend: one SQLite file, read through a pool of hardened read-only
/// connections (see <see cref="SqliteReadConnection"/>, <see cref="SqliteAuthorizer"/>). Thread-safe.
/// </summary>
public sealed class SqliteBackend : IDataBackend
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, SqliteConnectionPool> _pools = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;
    private readonly SqliteSchemaCache _schema;
    private readonly ILogger _logger;

    /// <param name="databasePath">Absolute path of the database file (it need not exist until seeded).</param>
    /// <param name="schemaCache">Shared cache for the live schema; a private one is used when null.</param>
    /// <param name="maxConcurrentQueries">Pool size; queries beyond it wait. Defaults to twice the core count (at least 4).</param>
    public SqliteBackend(string databasePath, IMemoryCache? schemaCache = null, ILogger<SqliteBackend>? logger = null, int maxConcurrentQueries = 0)
    {
        if (!Path.IsPathFullyQualified(databasePath))
        {
            throw new ArgumentException("The SQLite database path must be absolute.", nameof(databasePath));
        }

        _path = databasePath;
        var size = maxConcurrentQueries > 0 ? maxConcurrentQueries : Math.Max(4, 2 * Environment.ProcessorCount);
        _slots = new SemaphoreSlim(size, size);
        _schema = new SqliteSchemaCache(databasePath, schemaCache);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        SqliteNative.EnsureInitialised();
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.MaxRows);
        EnsureFileExists();
        var views = SqliteShadowViews.For(request.Access);
        SqliteJoinGuard.Check(request.Sql, request.Access, views, () => _schema.Get(refresh: false));
        var pool = _pools.GetOrAdd(views.Key, _ => new SqliteConnectionPool(_path, _slots, views));
        var connection = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            var result = SqliteQueryRunner.Run(connection, request, cancellationToken, out var interrupted);
            reusable = !interrupted;
            return result;
        }
        catch (DataEnvException e)
        {
            reusable = e.Code is not (ErrorCodes.Timeout or ErrorCodes.DatabaseUnavailable);
            _logger.LogDebug("SQLite query refused or failed: {Code}", e.Code);
            throw;
        }
        finally
        {
            // A connection that saw sqlite3_interrupt may carry the flag into its next prepare: close it.
            pool.Return(connection, reusable);
        }
    }

    public Task<LiveSchema> ReadSchemaAsync(bool refresh, CancellationToken cancellationToken)
    {
        EnsureFileExists();
        return Task.FromResult(_schema.Get(refresh));
    }

    public Task<bool> IsSeededAsync(CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(_path) && SqliteSchemaLoader.HasTables(_path));

    public Task SeedAsync(RetailDataset dataset, CancellationToken cancellationToken)
    {
        SqliteSeeder.Write(_path, dataset, cancellationToken);
        foreach (var pool in _pools.Values)
        {
            pool.Reset();
        }

        _schema.Invalidate();
        _logger.LogInformation("Seeded the SQLite demo database with {Orders} orders", dataset.Orders.Count);
        return Task.CompletedTask;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var request = new QueryRequest("SELECT 1", 1, TimeSpan.FromSeconds(5), 1024, UnrestrictedAccess.Instance);
            var result = await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            return result.Rows.Count == 1;
        }
        catch (DataEnvException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void EnsureFileExists()
    {
        if (!File.Exists(_path))
        {
            throw new DataEnvException(ErrorCodes.DatabaseUnavailable, "The database has not been created yet. Ask the operator to run `mcpdataenv seed`.");
        }
    }
}
