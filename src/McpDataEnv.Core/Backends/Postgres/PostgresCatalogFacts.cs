using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// What the first-sight checks need from the catalog, fetched in one round trip: which of the called names
/// resolve to a <c>VOLATILE</c> function and which only built-ins carry,
/// for every relation the plan scans its columns (in order) and whether
/// row-level security with our policy is enforced on it, and (for a caller with row filters) whether the statement
/// names a view that row-level security would not filter (<see cref="PostgresViewGuard"/>).
/// </summary>
internal sealed class PostgresCatalogFacts
{
    /// <summary>PostgreSQL's <c>FirstNormalObjectId</c>: every object created after <c>initdb</c> has an oid at or above it.</summary>
    public const int FirstNormalObjectId = 16384;

    public HashSet<string> VolatileNames { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Called names that at least one function carries and, in every schema, only built-ins do: what <c>initdb</c>
    /// created in <c>pg_catalog</c> (an oid below <see cref="FirstNormalObjectId"/>). A repeat need not re-check their
    /// volatility (see <see cref="PostgresVerdict"/>). A name no function carries (a type name used as a cast, a
    /// keyword the text lexer over-reads) is not among them: it cannot be judged a built-in.
    /// </summary>
    public HashSet<string> BuiltInNames { get; } = new(StringComparer.Ordinal);

    public Dictionary<PostgresRelation, List<string>> ColumnsOf { get; } = new();

    public HashSet<PostgresRelation> RowSecured { get; } = new();

    /// <summary><c>schema.name</c> of a view among the looked-up names that runs with its owner's rights (or is materialized); null if none.</summary>
    public string? OwnerRightsView { get; private set; }

    public static async Task<PostgresCatalogFacts> LoadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> functionNames, IReadOnlyCollection<PostgresRelation> relations,
        string[] viewNames, CancellationToken ct)
    {
        var facts = new PostgresCatalogFacts();
        foreach (var relation in relations) facts.ColumnsOf[relation] = [];
        await using var batch = new NpgsqlBatch(connection);
        if (functionNames.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT proname::text, bool_or(provolatile = 'v'), " +
                $"bool_and(oid < {FirstNormalObjectId} AND pronamespace = 'pg_catalog'::regnamespace) " +
                "FROM pg_catalog.pg_proc WHERE proname = ANY($1::text[]) GROUP BY proname")
            {
                Parameters = { new NpgsqlParameter { Value = functionNames.ToArray() } },
            });
        }
        if (relations.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT n.nspname::text, c.relname::text, " +
                "c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND p.polname = $3), " +
                "ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) " +
                "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
                "JOIN unnest($1::text[], $2::text[]) AS r(s, t) ON n.nspname = r.s AND c.relname = r.t")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = relations.Select(r => r.Schema).ToArray() },
                    new NpgsqlParameter { Value = relations.Select(r => r.Name).ToArray() },
                    new NpgsqlParameter { Value = PostgresAdminScript.PolicyName },
                },
            });
        }
        if (viewNames.Length > 0) batch.BatchCommands.Add(PostgresViewGuard.Lookup(viewNames));
        if (batch.BatchCommands.Count == 0) return facts;

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (functionNames.Count > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetBoolean(1)) facts.VolatileNames.Add(reader.GetString(0));
                if (reader.GetBoolean(2)) facts.BuiltInNames.Add(reader.GetString(0));
            }
            await reader.NextResultAsync(ct);
        }
        if (relations.Count > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                var relation = new PostgresRelation(reader.GetString(0), reader.GetString(1));
                if (reader.GetBoolean(2)) facts.RowSecured.Add(relation);
                facts.ColumnsOf[relation] = [.. reader.GetFieldValue<string[]>(3)];
            }
            await reader.NextResultAsync(ct);
        }
        if (viewNames.Length > 0 && await reader.ReadAsync(ct))
        {
            facts.OwnerRightsView = reader.GetString(0);
        }
        return facts;
    }
}
