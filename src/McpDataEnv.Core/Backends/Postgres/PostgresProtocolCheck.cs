using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Verifies once per backend that stacked statements reach PostgreSQL as one Parse and are refused there
/// (42601). If something in the process used Npgsql before the switch was set, rewriting would still be on
/// and a <c>;</c> could end the read-only transaction: then every call fails closed with an internal fault.
/// </summary>
internal sealed class PostgresProtocolCheck
{
    private volatile bool verified;

    public async Task EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (verified) return;
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT 1; SELECT 2", connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == "42601")
        {
            verified = true;
            return;
        }
        throw new InvalidOperationException(
            "Npgsql SQL rewriting is enabled in this process, so stacked statements are not refused by PostgreSQL; refusing to run queries.");
    }
}
