using McpDataEnv.Core.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>
/// Reads <see cref="PostgresAuditSchema.Table"/> in sequence order (as the writer role when the login may) and checks it
/// with the same verifier as the JSON Lines trail; a missing table is an empty, valid trail.
/// </summary>
public sealed class PostgresAuditReader : IAuditReader
{
    private readonly NpgsqlDataSource _dataSource;

    static PostgresAuditReader() => PostgresTransactions.DisableSqlRewriting();

    public PostgresAuditReader(string connectionString) => _dataSource = PostgresAuditConnections.Create(connectionString);

    public string Location => $"table {PostgresAuditSchema.Table}";

    public async Task<AuditVerdict> VerifyAsync(CancellationToken cancellationToken = default) =>
        AuditVerifier.Verify(await ReadAsync(null, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<AuditEntry?>> TailAsync(int count, CancellationToken cancellationToken = default) => ReadAsync(count, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<IReadOnlyList<AuditEntry?>> ReadAsync(int? newest, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (!await PostgresAuditSchema.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return [];
            }

            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (var role = new NpgsqlCommand(PostgresAuditSchema.UseWriterRole, connection, transaction))
            {
                await role.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var entries = new List<AuditEntry?>();
            await using var command = new NpgsqlCommand(PostgresAuditRows.Select(newest), connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(PostgresAuditRows.Read(reader));
            }

            return entries;
        }
        catch (Exception e) when (e is NpgsqlException)
        {
            throw PostgresErrors.Map(e);
        }
    }
}
