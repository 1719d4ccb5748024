using Npgsql;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>Loads hits for ranked refs (scope-checked again, so a ref never leaks another principal's row).</summary>
internal sealed class PostgresHitLoader(NpgsqlDataSource dataSource, string s)
{
    public async Task<IReadOnlyList<MemoryHit>> LoadAsync(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxChars, CancellationToken cancellationToken)
    {
        if (refs.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<(MemoryTier, long), MemoryHit>();
        var passages = refs.Where(r => r.Tier == MemoryTier.Archival).Select(r => r.Handle).ToArray();
        var blocks = refs.Where(r => r.Tier == MemoryTier.Core).Select(r => r.Handle).ToArray();
        if (passages.Length > 0)
        {
            await ReadAsync(connection, PassageSql("id = ANY($3)"), MemoryTier.Archival, found, maxChars, cancellationToken, scope.Environment, scope.Principal, passages).ConfigureAwait(false);
        }

        if (blocks.Length > 0)
        {
            await ReadAsync(
                connection,
                $"SELECT id, 'core:' || key, value, ARRAY[]::text[], updated_at, updated_by, 'core_block', key, version FROM {s}.core_blocks WHERE environment = $1 AND principal = $2 AND value <> '' AND id = ANY($3)",
                MemoryTier.Core, found, maxChars, cancellationToken, scope.Environment, scope.Principal, blocks).ConfigureAwait(false);
        }

        var scores = refs.ToDictionary(r => (r.Tier, r.Handle), r => r.Score);
        return refs.Where(r => found.ContainsKey((r.Tier, r.Handle)))
            .Select(r => found[(r.Tier, r.Handle)] with { Score = scores[(r.Tier, r.Handle)] })
            .ToList();
    }

    public async Task<MemoryHit?> LoadPassageAsync(MemoryScope scope, string publicId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<(MemoryTier, long), MemoryHit>();
        await ReadAsync(connection, PassageSql("public_id = $3"), MemoryTier.Archival, found, int.MaxValue, cancellationToken, scope.Environment, scope.Principal, publicId).ConfigureAwait(false);
        return found.Values.SingleOrDefault();
    }

    private string PassageSql(string filter) =>
        $"SELECT id, public_id, content, tags, created_at, created_by, source, NULL::text, NULL::bigint FROM {s}.passages WHERE environment = $1 AND principal = $2 AND {filter}";

    private static async Task ReadAsync(
        NpgsqlConnection connection, string sql, MemoryTier tier, Dictionary<(MemoryTier, long), MemoryHit> found, int maxChars, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = PostgresMemorySql.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var content = reader.GetString(2);
            var truncated = content.Length > maxChars;
            if (truncated)
            {
                content = $"{content[..maxChars]}… [truncated: {reader.GetString(2).Length} characters in total]";
            }

            found[(tier, reader.GetInt64(0))] = new MemoryHit(
                reader.GetString(1), tier, reader.IsDBNull(7) ? null : reader.GetString(7), content, truncated, 0,
                reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5),
                reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.GetString(6))
            {
                Handle = reader.GetInt64(0),
            };
        }
    }
}
