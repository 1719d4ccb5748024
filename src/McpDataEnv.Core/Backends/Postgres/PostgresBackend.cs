using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Sql;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// PostgreSQL backend, read-only in layers that each hold without the text gate: one statement per Parse
/// (SQL rewriting off), a <c>READ ONLY</c> transaction that is always rolled back, a function guard, the
/// engine's verbose plan checked against the access scope, and optionally <c>SET LOCAL ROLE</c> to a
/// SELECT-only reader role (see <see cref="PostgresGrantScript"/>).
/// </summary>
/// <remarks>
/// The static constructor sets the process-wide switch <c>Npgsql.EnableSqlRewriting=false</c> before any
/// Npgsql use in this process (so parameters are positional <c>$1</c> everywhere), and the first connection
/// verifies that the server really refuses stacked statements; otherwise every call fails closed.
/// The connection string is a secret: it is never logged, put in an error or returned by <see cref="ToString"/>.
/// </remarks>
public sealed class PostgresBackend : IDataBackend
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string schema;
    private readonly string? readerRole;
    private readonly IMemoryCache cache;
    private readonly bool ownsCache;
    private readonly ILogger logger;
    private readonly PostgresQueryRunner runner;
    private readonly PostgresProtocolCheck protocolCheck = new();

    static PostgresBackend() => PostgresTransactions.DisableSqlRewriting();

    public PostgresBackend(string connectionString, string schema, string? readerRole, IMemoryCache? cache = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = false, // DISCARD ALL on return: nothing a query did survives in the pool
            IncludeErrorDetail = false,
            LogParameters = false,
            ApplicationName = "mcpdataenv",
        };
        if (builder.Timeout > 10) builder.Timeout = 10;
        dataSource = NpgsqlDataSource.Create(builder);
        this.schema = schema;
        this.readerRole = string.IsNullOrWhiteSpace(readerRole) ? null : readerRole;
        ownsCache = cache is null;
        this.cache = cache ?? new MemoryCache(new MemoryCacheOptions());
        this.logger = logger ?? NullLogger.Instance;
        runner = new PostgresQueryRunner(schema, this.readerRole, new PostgresVerifiedQueries(this.cache, this.readerRole));
    }

    public SqlDialect Dialect => SqlDialect.Postgres;

    public Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken) =>
        WithConnectionAsync(request.Timeout, (c, ct) => runner.RunAsync(c, request, ct), cancellationToken);

    public Task<LiveSchema> ReadSchemaAsync(bool refresh, CancellationToken cancellationToken)
    {
        var key = (typeof(PostgresBackend), schema, dataSource.ConnectionString.GetHashCode(StringComparison.Ordinal));
        if (refresh) cache.Remove(key);
        return cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return WithConnectionAsync(TimeSpan.FromSeconds(30), (c, ct) => PostgresSchemaReader.ReadAsReaderAsync(c, schema, readerRole, ct), cancellationToken);
        })!;
    }

    public Task<bool> IsSeededAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(TimeSpan.FromSeconds(10), (c, ct) => PostgresSeeder.IsSeededAsync(c, schema, ct), cancellationToken);

    public Task SeedAsync(RetailDataset dataset, CancellationToken cancellationToken) => SeedAsync(dataset, null, cancellationToken);

    /// <summary>Seeds the demo and grants the reader role SELECT on exactly what <paramref name="readable"/>
    /// (table, column) allows — typically "some role of the safety policy may read it".</summary>
    public async Task SeedAsync(RetailDataset dataset, Func<string, string, bool>? readable, CancellationToken cancellationToken)
    {
        await PostgresConcurrentDdl.RunAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await PostgresSeeder.SeedAsync(connection, schema, readerRole, dataset, readable, cancellationToken);
        }, cancellationToken);
        logger.LogInformation("Seeded PostgreSQL schema {Schema}", schema);
    }

    /// <summary>
    /// Runs the admin script (<see cref="PostgresAdminScript"/>) for <paramref name="policy"/> in one transaction with the
    /// configured connection (which must own the tables); no-op without a reader role.
    /// </summary>
    public async Task ApplyAdminScriptAsync(Governance.SafetyPolicy policy, CancellationToken cancellationToken)
    {
        if (readerRole is null)
        {
            return;
        }

        var live = await ReadSchemaAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        await PostgresConcurrentDdl.RunAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var statement in PostgresAdminScript.Statements(schema, readerRole, policy, live))
            {
                await using var cmd = new NpgsqlCommand(statement, connection, tx);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>The reader role queries switch to, or null when none is configured.</summary>
    public string? ReaderRole => readerRole;

    /// <summary>The schema holding the environment's tables.</summary>
    public string Schema => schema;

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT 1", connection);
            await cmd.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (PostgresErrors.IsConnectionFailure(e) || e is NpgsqlException)
        {
            return false;
        }
    }

    public override string ToString() => $"PostgresBackend(schema={schema})";

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        if (ownsCache) cache.Dispose();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        try
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            await protocolCheck.EnsureAsync(connection, ct);
            return connection;
        }
        catch (Exception e) when (PostgresErrors.IsConnectionFailure(e))
        {
            throw PostgresErrors.Unavailable();
        }
    }

    /// <summary>Runs <paramref name="work"/> with a pooled connection; on a connection failure the pool is
    /// cleared and the (read-only, hence idempotent) work retried once, so a restarted server is picked up.</summary>
    private async Task<T> WithConnectionAsync<T>(TimeSpan timeout, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout * 2 + TimeSpan.FromSeconds(2)); // backstop behind statement_timeout
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(deadline.Token);
                return await work(connection, deadline.Token);
            }
            catch (Exception e) when (attempt == 0 && !cancellationToken.IsCancellationRequested && IsRetryable(e))
            {
                logger.LogWarning("PostgreSQL connection failed ({Kind}); clearing the pool and retrying once", e.GetType().Name);
                dataSource.Clear();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.TimedOut();
            }
            catch (Exception e) when (e is NpgsqlException or DataEnvException)
            {
                throw PostgresErrors.Map(e);
            }
        }
    }

    private static bool IsRetryable(Exception e) =>
        PostgresErrors.IsConnectionFailure(e) || e is DataEnvException { Code: ErrorCodes.DatabaseUnavailable };
}
