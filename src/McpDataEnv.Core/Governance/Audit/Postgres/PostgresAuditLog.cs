using System.Data;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;
using Npgsql;
using NpgsqlTypes;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>
/// The audit trail of a PostgreSQL environment as rows of <see cref="PostgresAuditSchema.Table"/>, chained exactly like
/// the JSON Lines trail (<see cref="AuditChain"/>). One writer task per process batches appends; each batch is one
/// READ COMMITTED transaction on the login's own connection (never the reader role's read-only one) that reads the
/// last link and inserts after it. Replicas racing for the same sequence number collide on the primary key: the loser
/// rolls back and retries on the new last link, so the chain stays linear across processes. After its own commit the
/// writer remembers the link it wrote and whether it could take the writer role, so the next batch is one round trip
/// (BEGIN, SET ROLE, inserts, COMMIT pipelined) without reading: if another process appended meanwhile, the primary key
/// refuses the stale sequence number, and if the role was revoked the SET fails; either way the batch is retried the
/// slow way. What is remembered is only a guess, never trusted past a collision or a failure.
/// </summary>
/// <remarks>
/// When the append cannot be made durable the caller gets a <see cref="DataEnvException"/> with
/// <see cref="ErrorCodes.DatabaseUnavailable"/>, so a tool call is never answered unaudited. The connection string is
/// a secret: it is never logged or put in an error.
/// </remarks>
public sealed class PostgresAuditLog : IAuditLog
{
    private const int MaxAttempts = 100;
    private const int MaxReconnects = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly AuditBatchWriter _writer;
    private bool _tableReady;
    private (long Seq, string Hash, bool AsWriter)? _lastLink; // touched by one batch at a time (AuditBatchWriter)

    static PostgresAuditLog() => PostgresTransactions.DisableSqlRewriting();

    public PostgresAuditLog(string connectionString)
    {
        _dataSource = PostgresAuditConnections.Create(connectionString);
        _writer = new AuditBatchWriter(AppendBatchAsync);
    }

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => _writer.EnqueueAsync(auditEvent);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditEvent> events)
    {
        // timestamptz keeps microseconds: seal what the table can store, so the stored row hashes the same.
        var stored = events.Select(e => e with { Time = PostgresAuditRows.Microseconds(e.Time) }).ToList();
        try
        {
            await EnsureTableAsync().ConfigureAwait(false);
            for (int attempt = 1, reconnects = 0; ; attempt++)
            {
                try
                {
                    return await TryAppendAsync(stored).ConfigureAwait(false);
                }
                catch (PostgresException race) when (race.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
                {
                    // Another process took this sequence number first; its row is committed now, so chain after it.
                    await Task.Delay(Random.Shared.Next(0, 1 + Math.Min(attempt, 10))).ConfigureAwait(false);
                }
                catch (Exception broken) when (PostgresErrors.IsConnectionFailure(broken) && reconnects++ < MaxReconnects)
                {
                    // A pooled connection that died with a database restart fails on first use; a fresh one may not.
                    // (Were it the commit's answer that was lost, the retry appends the batch again: duplicated, never missing.)
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw Unwritable(e);
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> TryAppendAsync(IReadOnlyList<AuditEvent> events)
    {
        var guess = _lastLink;
        _lastLink = null;
        var (entries, asWriter) = guess is { } last
            ? await AppendAfterGuessAsync(last, events).ConfigureAwait(false)
            : await AppendAfterReadingAsync(events).ConfigureAwait(false);
        _lastLink = (entries[^1].Seq, entries[^1].Hash, asWriter);
        return entries;
    }

    private async Task<(IReadOnlyList<AuditEntry> Entries, bool AsWriter)> AppendAfterGuessAsync(
        (long Seq, string Hash, bool AsWriter) last, IReadOnlyList<AuditEvent> events)
    {
        try
        {
            return (await AppendAfterAsync(last, events).ConfigureAwait(false), last.AsWriter);
        }
        catch (PostgresException stale) when (stale.SqlState != PostgresErrorCodes.UniqueViolation)
        {
            // E.g. the writer role was revoked since it was remembered: decide again from the catalog. A lost race
            // (unique violation) is the caller's to retry, after a pause.
            return await AppendAfterReadingAsync(events).ConfigureAwait(false);
        }
    }

    private async Task<(IReadOnlyList<AuditEntry> Entries, bool AsWriter)> AppendAfterReadingAsync(IReadOnlyList<AuditEvent> events)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        var (seq, hash, asWriter) = await PostgresAuditRows.LastLinkAsync(connection, CancellationToken.None).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var entries = Chain(events, (seq, hash), batch);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return (entries, asWriter);
    }

    private async Task<IReadOnlyList<AuditEntry>> AppendAfterAsync((long Seq, string Hash, bool AsWriter) last, IReadOnlyList<AuditEvent> events)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN") } };
        if (last.AsWriter)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresAuditSchema.KeepWriterRole));
        }

        var entries = Chain(events, (last.Seq, last.Hash), batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
            return entries;
        }
        catch (PostgresException)
        {
            // The failed statement skipped the rest of the batch, COMMIT included: end the aborted transaction here.
            // On a connection the server just dropped this fails too; the original error is what the caller handles.
            await PostgresTransactions.RollbackQuietlyAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    private static List<AuditEntry> Chain(IReadOnlyList<AuditEvent> events, (long Seq, string Hash) last, NpgsqlBatch batch)
    {
        var (seq, hash) = last;
        var entries = new List<AuditEntry>(events.Count);
        foreach (var e in events)
        {
            var entry = AuditChain.Seal(e, seq, hash);
            batch.BatchCommands.Add(PostgresAuditRows.Insert(entry));
            (seq, hash) = (entry.Seq, entry.Hash);
            entries.Add(entry);
        }

        return entries;
    }

    private async Task EnsureTableAsync()
    {
        if (_tableReady)
        {
            return;
        }

        _tableReady = await PostgresAuditSchema.TryCreateAsync(_dataSource, CancellationToken.None).ConfigureAwait(false)
            ? true
            : throw new DataEnvException(
                ErrorCodes.DatabaseUnavailable,
                $"The audit trail cannot be written: the table {PostgresAuditSchema.Table} is missing and this server may not create it. " +
                "The result was withheld. Ask an operator to apply the script printed by `mcpdataenv grants`.");
    }

    private static DataEnvException Unwritable(Exception cause) => new(
        ErrorCodes.DatabaseUnavailable,
        PostgresErrors.IsConnectionFailure(cause)
            ? "The audit trail cannot be written: PostgreSQL is not reachable right now. The result was withheld (nothing runs unaudited); try again shortly."
            : $"The audit trail cannot be written (PostgreSQL error {(cause as PostgresException)?.SqlState ?? "unknown"}). The result was withheld; ask an operator to check the audit table's grants (`mcpdataenv grants`).");
}
