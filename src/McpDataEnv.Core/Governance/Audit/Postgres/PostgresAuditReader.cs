using System.Runtime.CompilerServices;
using McpDataEnv.Core.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>
/// Reads <see cref="PostgresAuditSchema.Table"/> in sequence order (as the writer role when the login may) and checks it
/// with the same verifier as the JSON Lines trail; a missing table is an empty, valid trail.
/// </summary>
/// <remarks>
/// Two round trips: whether the table exists, then the role switch and the read as one batch. Rows are streamed, so
/// <see cref="VerifyAsync"/> holds one entry at a time however long the trail is.
/// </remarks>
public sealed class PostgresAuditReader : IAuditReader
{
    private readonly NpgsqlDataSource _dataSource;

    static PostgresAuditReader() => PostgresTransactions.DisableSqlRewriting();

    public PostgresAuditReader(string connectionString) => _dataSource = PostgresAuditConnections.Create(connectionString);

    public string Location => $"table {PostgresAuditSchema.Table}";

    public async Task<AuditVerdict> VerifyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await AuditVerifier.VerifyAsync(EntriesAsync(null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Map(e);
        }
    }

    public async Task<IReadOnlyList<AuditEntry?>> TailAsync(int count, CancellationToken cancellationToken = default)
    {
        try
        {
            var entries = new List<AuditEntry?>();
            await foreach (var entry in EntriesAsync(count, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }

            return entries;
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Map(e);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>The entries in chain order (<paramref name="newest"/>: only the last that many), read in one snapshot.</summary>
    private async IAsyncEnumerable<AuditEntry?> EntriesAsync(int? newest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await PostgresAuditSchema.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        // Npgsql sends the BEGIN with the batch, so the transaction costs no round trip of its own.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PostgresAuditSchema.UseWriterRole),
                new NpgsqlBatchCommand(PostgresAuditRows.Select(newest)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false); // past the role switch (a row only when it switched)
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return PostgresAuditRows.Read(reader);
        }
    }
}
