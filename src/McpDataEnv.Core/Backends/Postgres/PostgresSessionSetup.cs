using System.Globalization;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Opens the per-query transaction: <c>BEGIN READ ONLY</c>, then one <c>SELECT set_config(..., true)</c>
/// (transaction-local, like <c>SET LOCAL</c>) for the timeouts, the pinned <c>search_path</c>
/// (<c>schema, pg_catalog, pg_temp</c>: no <c>public</c>, temp objects last), stable output formats and,
/// the caller's role and attributes for row-level security and, when configured, the reader role. Being a query, it also takes the transaction's snapshot, after which
/// PostgreSQL refuses <c>SET TRANSACTION READ WRITE</c> (25001).
/// </summary>
internal static class PostgresSessionSetup
{
    public static NpgsqlBatch Create(NpgsqlConnection connection, string schema, string? readerRole, TimeSpan timeout, Governance.IAccessScope? access = null)
    {
        var ms = ((long)Math.Max(1, timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var settings = new List<(string Name, string Value)>
        {
            ("statement_timeout", ms),
            ("lock_timeout", ms),
            ("idle_in_transaction_session_timeout", ((long)Math.Max(1000, timeout.TotalMilliseconds * 4)).ToString(CultureInfo.InvariantCulture)),
            ("search_path", PostgresIdentifier.Quote(schema) + ", pg_catalog, pg_temp"),
            ("DateStyle", "ISO, YMD"),
            ("IntervalStyle", "iso_8601"),
            ("TimeZone", "UTC"),
            ("extra_float_digits", "3"),
            ("bytea_output", "hex"),
        };
        if (access is not null)
        {
            // What the row-level security policies read (PostgresAdminScript): set by the server, transaction-local.
            settings.Add((PostgresAdminScript.RoleSetting, access.Role));
            settings.AddRange(access.Attributes.Select(a => (PostgresAdminScript.AttributeSetting(a.Key), a.Value)));
        }

        if (readerRole is not null) settings.Add(("role", readerRole));

        var setup = new NpgsqlBatchCommand(
            "SELECT " + string.Join(", ", settings.Select((_, i) => $"pg_catalog.set_config(${2 * i + 1}, ${2 * i + 2}, true)")));
        foreach (var (name, value) in settings)
        {
            setup.Parameters.Add(new NpgsqlParameter { Value = name });
            setup.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN READ ONLY"), setup } };
    }
}
