using Npgsql;
using NpgsqlTypes;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>How an <see cref="AuditEntry"/> maps to a row of <see cref="PostgresAuditSchema.Table"/> and back.</summary>
/// <remarks>
/// Arguments are stored as <c>json</c> (not <c>jsonb</c>): it keeps the text as written, key order included, which the
/// hash covers. Reads first switch to the writer role when the login may (<see cref="PostgresAuditSchema.UseWriterRole"/>);
/// appends after the first re-take it with <see cref="PostgresAuditSchema.KeepWriterRole"/> (see <see cref="PostgresAuditLog"/>).
/// </remarks>
internal static class PostgresAuditRows
{
    private const string Columns = "seq, at, principal, role, tool, arguments::text, verdict, code, rules, rows, duration_ms, prev, hash";

    public static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>
    /// Switches to the writer role (transaction-local) when the login may, and returns the last entry's link (genesis
    /// when empty) and whether the switch happened.
    /// </summary>
    public static async Task<(long Seq, string Hash, bool AsWriter)> LastLinkAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PostgresAuditSchema.UseWriterRole),
                new NpgsqlBatchCommand($"SELECT seq, hash FROM {PostgresAuditSchema.Table} ORDER BY seq DESC LIMIT 1"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var asWriter = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetString(1), asWriter)
            : (0, AuditChain.Genesis, asWriter);
    }

    public static NpgsqlBatchCommand Insert(AuditEntry entry)
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {PostgresAuditSchema.Table} (seq, at, principal, role, tool, arguments, verdict, code, rules, rows, duration_ms, prev, hash) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Seq, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Time, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Principal, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Role, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Tool, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = AuditChain.ArgumentsJson(entry.Arguments), NpgsqlDbType = NpgsqlDbType.Json });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Verdict, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Code ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Rules.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Rows ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.DurationMs, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Prev, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Hash, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    /// <summary>The SELECT of entries in chain order (<paramref name="newest"/>: only the last that many, still oldest first).</summary>
    public static string Select(int? newest) => newest is { } n
        ? $"SELECT * FROM (SELECT {Columns} FROM {PostgresAuditSchema.Table} ORDER BY seq DESC LIMIT {Math.Max(1, n)}) t ORDER BY seq"
        : $"SELECT {Columns} FROM {PostgresAuditSchema.Table} ORDER BY seq";

    /// <summary>The entry a row holds; null when a value cannot make an entry (e.g. arguments no longer an object of strings).</summary>
    public static AuditEntry? Read(NpgsqlDataReader row)
    {
        try
        {
            return new AuditEntry(
                row.GetInt64(0),
                row.GetFieldValue<DateTimeOffset>(1),
                row.GetString(2),
                row.GetString(3),
                row.GetString(4),
                AuditChain.ParseArguments(row.GetString(5)),
                row.GetString(6),
                row.IsDBNull(7) ? null : row.GetString(7),
                row.GetFieldValue<string[]>(8),
                row.IsDBNull(9) ? null : row.GetInt64(9),
                row.GetDouble(10),
                row.GetString(11),
                row.GetString(12));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidCastException or InvalidOperationException)
        {
            return null;
        }
    }
}
