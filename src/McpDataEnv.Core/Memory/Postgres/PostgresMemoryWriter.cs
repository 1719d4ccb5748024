using McpDataEnv.Core.Errors;
using Npgsql;
using NpgsqlTypes;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>
/// Core block and passage writes inside one transaction the caller owns. Core writes first take a transaction-scoped
/// advisory lock on the scope, so version checks and the block count see every committed write of every process.
/// </summary>
internal sealed class PostgresMemoryWriter(NpgsqlConnection connection, string s, MemoryWrite write, CancellationToken cancellationToken)
{
    private string E => write.Scope.Environment;

    private string P => write.Scope.Principal;

    public async Task<CoreWriteOutcome> WriteCoreAsync(string key, string value, long? expectedVersion, int maxBlocks)
    {
        await LockScopeAsync();
        await PostgresWriteBudget.EnforceAsync(connection, s, write, cancellationToken);
        var current = await FindAsync(key);
        var currentVersion = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
        {
            throw MemoryRefusals.VersionConflict(key, currentVersion, expected);
        }

        if (string.IsNullOrEmpty(current?.Value) && value.Length > 0 &&
            await PostgresMemorySql.ScalarAsync<long>(connection, $"SELECT count(*) FROM {s}.core_blocks WHERE environment = $1 AND principal = $2 AND value <> ''", cancellationToken, E, P) >= maxBlocks)
        {
            throw MemoryRefusals.TooManyBlocks(key, maxBlocks);
        }

        var blockId = await UpsertAsync(current?.Id, key, value, currentVersion + 1);
        await AppendRevisionAsync(blockId, currentVersion + 1, current is null ? CoreRevisionActions.Create : CoreRevisionActions.Edit, current?.Value ?? string.Empty, value, null);
        return new CoreWriteOutcome(currentVersion + 1, currentVersion);
    }

    public async Task<string> ArchiveCoreAsync(string key, IReadOnlyList<string> tags)
    {
        await LockScopeAsync();
        await PostgresWriteBudget.EnforceAsync(connection, s, write, cancellationToken);
        var current = await FindAsync(key);
        if (current is null || current.Value.Length == 0)
        {
            throw MemoryRefusals.NoSuchBlock(key);
        }

        var passageId = await InsertPassageAsync(current.Value, tags);
        await UpsertAsync(current.Id, key, string.Empty, current.Version + 1);
        await AppendRevisionAsync(current.Id, current.Version + 1, CoreRevisionActions.Archive, current.Value, string.Empty, passageId);
        return passageId;
    }

    public async Task<string> AppendPassageAsync(string content, IReadOnlyList<string> tags)
    {
        await PostgresWriteBudget.EnforceAsync(connection, s, write, cancellationToken);
        return await InsertPassageAsync(content, tags);
    }

    private async Task<string> InsertPassageAsync(string content, IReadOnlyList<string> tags)
    {
        var publicId = PassageId.New(write.At);
        await PostgresMemorySql.ExecuteAsync(
            connection,
            $"""
            INSERT INTO {s}.passages(public_id, environment, principal, content, tags, created_at, created_by, tool, request_id, source)
            VALUES ($1, $2, $3, $4, $5, $6, $10, $7, $8, $9)
            """,
            cancellationToken, publicId, E, P, content, tags.ToArray(), write.At.ToUniversalTime(), write.Provenance.Tool, write.Provenance.RequestId, write.Provenance.Source, write.Author);
        return publicId;
    }

    private Task LockScopeAsync() =>
        PostgresMemorySql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, $"memory/{E}/{P}");

    private async Task<Row?> FindAsync(string key)
    {
        await using var command = PostgresMemorySql.Command(
            connection, $"SELECT id, value, version FROM {s}.core_blocks WHERE environment = $1 AND principal = $2 AND key = $3 FOR UPDATE", E, P, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)) : null;
    }

    private async Task<long> UpsertAsync(long? id, string key, string value, long version)
    {
        if (id is { } existing)
        {
            await PostgresMemorySql.ExecuteAsync(
                connection, $"UPDATE {s}.core_blocks SET value = $1, version = $2, updated_at = $3, updated_by = $4 WHERE id = $5",
                cancellationToken, value, version, write.At.ToUniversalTime(), write.Author, existing);
            return existing;
        }

        return await PostgresMemorySql.ScalarAsync<long>(
            connection,
            $"INSERT INTO {s}.core_blocks(environment, principal, key, value, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            cancellationToken, E, P, key, value, version, write.At.ToUniversalTime(), write.Author);
    }

    private Task AppendRevisionAsync(long blockId, long version, string action, string oldValue, string newValue, string? passageId) =>
        PostgresMemorySql.ExecuteAsync(
            connection,
            $"""
            INSERT INTO {s}.core_revisions(block_id, version, action, old_value, new_value, principal, at, tool, request_id, passage_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            cancellationToken, blockId, version, action, oldValue, newValue, write.Author, write.At.ToUniversalTime(), write.Provenance.Tool,
            PostgresMemorySql.Typed(write.Provenance.RequestId, NpgsqlDbType.Text), PostgresMemorySql.Typed(passageId, NpgsqlDbType.Text));

    private sealed record Row(long Id, string Value, long Version);
}
