using System.Data;
using McpDataEnv.Core.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>
/// The memory store of a PostgreSQL environment, in a schema of its own (default <c>mcpdataenv_memory</c>), on its own
/// read-write connections (never the analytics reader role or its read-only transactions). Every write is one
/// READ COMMITTED transaction with its checks inside it (scope advisory lock, row locks), so several server processes
/// never lose each other's writes. Search is <c>tsvector</c> + <c>ts_rank_cd</c> (see <see cref="PostgresMemorySearch"/>).
/// </summary>
/// <remarks>The connection string is a secret: it is never logged or put in an error.</remarks>
public sealed class PostgresMemoryStore : IMemoryStore, IAsyncDisposable
{
    /// <summary>A query matching more passages than this ranks only the newest this many (reported as partial).</summary>
    public const int DefaultRankWindow = 500;

    private readonly NpgsqlDataSource dataSource;
    private readonly string s;
    private readonly PostgresMemorySearch search;
    private readonly PostgresHitLoader loader;
    private readonly RetryableInitializer migration;

    static PostgresMemoryStore() => PostgresTransactions.DisableSqlRewriting();

    public PostgresMemoryStore(string connectionString, string schema = PostgresMemorySchema.DefaultName, int rankWindow = DefaultRankWindow)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = false, LogParameters = false, ApplicationName = "mcpdataenv-memory" };
        dataSource = NpgsqlDataSource.Create(builder);
        s = PostgresMemorySchema.Validate(schema);
        search = new PostgresMemorySearch(dataSource, s, Math.Max(1, rankWindow));
        loader = new PostgresHitLoader(dataSource, s);
        migration = new RetryableInitializer(token => PostgresMemorySchema.MigrateAsync(dataSource, s, token));
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public Task<IReadOnlyList<CoreBlock>> GetCoreBlocksAsync(MemoryScope scope, CancellationToken cancellationToken = default) =>
        Mapped(ReadCoreBlocksAsync(scope, cancellationToken));

    public Task<IReadOnlyList<CoreRevision>> GetHistoryAsync(MemoryScope scope, string key, CancellationToken cancellationToken = default) =>
        Mapped(ReadHistoryAsync(scope, key, cancellationToken));

    public Task<CoreWriteOutcome> WriteCoreAsync(MemoryWrite write, string key, string value, long? expectedVersion, int maxBlocks, CancellationToken cancellationToken = default) =>
        Mapped(InTransactionAsync(write, w => w.WriteCoreAsync(key, value, expectedVersion, maxBlocks), cancellationToken));

    public Task<string> AppendPassageAsync(MemoryWrite write, string content, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        Mapped(InTransactionAsync(write, w => w.AppendPassageAsync(content, tags), cancellationToken));

    public Task<string> ArchiveCoreBlockAsync(MemoryWrite write, string key, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        Mapped(InTransactionAsync(write, w => w.ArchiveCoreAsync(key, tags), cancellationToken));

    public Task<MemoryRanking> RankAsync(MemoryScope scope, MemoryQuery query, int cap, CancellationToken cancellationToken = default) =>
        Mapped(Migrated(() => search.RankAsync(scope, query, cap, cancellationToken), cancellationToken));

    public Task<MemoryHit?> GetPassageAsync(MemoryScope scope, string id, CancellationToken cancellationToken = default) =>
        Mapped(Migrated(() => loader.LoadPassageAsync(scope, id, cancellationToken), cancellationToken));

    public Task<IReadOnlyList<MemoryHit>> LoadHitsAsync(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxContentChars, CancellationToken cancellationToken = default) =>
        Mapped(Migrated(() => loader.LoadAsync(scope, refs, maxContentChars, cancellationToken), cancellationToken));

    /// <summary>Connection failures become <c>database_unavailable</c> (the model may retry later); the message names no host or login.</summary>
    private static async Task<T> Mapped<T>(Task<T> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.Availability(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private async Task<T> Migrated<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await migration.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await operation().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CoreBlock>> ReadCoreBlocksAsync(MemoryScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = PostgresMemorySql.Command(
            connection, $"SELECT key, value, version, updated_at, updated_by FROM {s}.core_blocks WHERE environment = $1 AND principal = $2 AND value <> '' ORDER BY key",
            scope.Environment, scope.Principal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var blocks = new List<CoreBlock>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(new CoreBlock(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return blocks;
    }

    private async Task<IReadOnlyList<CoreRevision>> ReadHistoryAsync(MemoryScope scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = PostgresMemorySql.Command(
            connection,
            $"""
            SELECT r.version, r.action, r.old_value, r.new_value, r.principal, r.at, r.tool, r.request_id, r.passage_id
            FROM {s}.core_revisions r JOIN {s}.core_blocks b ON b.id = r.block_id
            WHERE b.environment = $1 AND b.principal = $2 AND b.key = $3 ORDER BY r.version
            """,
            scope.Environment, scope.Principal, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var revisions = new List<CoreRevision>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            revisions.Add(new CoreRevision(
                key, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return revisions;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await migration.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> InTransactionAsync<T>(MemoryWrite write, Func<PostgresMemoryWriter, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        var result = await body(new PostgresMemoryWriter(connection, s, write, cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
