using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql.Lexing;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Functions and casts that answer catalog questions without scanning a catalog relation the plan would show:
/// <c>'payroll'::regclass</c>, <c>to_regclass('payroll')</c>, <c>pg_table_size(...)</c>,
/// <c>has_column_privilege('customers', 'email', ...)</c>, <c>pg_get_viewdef(...)</c>, <c>obj_description(...)</c>,
/// <c>format_type(oid, ...)</c> over a range of oids... For a scope that may not read the catalog
/// (<see cref="IAccessScope.CheckCatalogRead"/> refuses <c>pg_catalog</c>), a statement that names one is refused
/// like a catalog read, before <c>EXPLAIN</c> sees it: the refusal names the function or type, never its
/// argument, so it is the same whether the table it asks about exists or not.
/// </summary>
/// <remarks>
/// <para>What counts, asked of the database's own catalog on every first-sight text (so a new server version or an
/// operator's function is judged without a list update): a called name that some function (any schema, any overload)
/// carries whose arguments or result include <c>oid</c> or an OID alias type (the types <c>oid</c> is
/// binary-coercible to, other than <c>integer</c>: <c>regclass</c>, <c>regtype</c>, <c>regproc</c>,
/// <c>regnamespace</c>...; and their arrays), and any name in the text, wherever it stands, that is such an alias
/// type (every spelling of a cast: <c>::regclass</c>, <c>CAST(... AS regclass)</c>, <c>regclass '...'</c>).
/// Left out, because they look nothing up: aggregates (<c>max(oid)</c> shares its name with every <c>max</c>),
/// cast functions (<c>int8(oid)</c>) and the text search alias types <c>regconfig</c> and <c>regdictionary</c>
/// (<c>to_tsvector('english', ...)</c> names a configuration, never a table).
/// That takes in <c>pg_typeof</c> (it returns a <c>regtype</c>): refused too, the result's column types come with
/// every answer. Functions that take a relation or type by a <c>text</c> name with no oid overload cannot be told by
/// their types: <see cref="PostgresFunctionPolicy.NamesCatalogObjectsByText"/> lists them.</para>
/// <para>The lookup rides in the <c>EXPLAIN</c> round trip, before it; <c>EXPLAIN</c>'s own outcome (for
/// <c>'nosuch'::regclass</c>, "relation does not exist") is then discarded, so it cannot tell the caller anything.
/// Not covered: timing (a refused statement is still parsed by <c>EXPLAIN</c>), and casts to a table's row type
/// (see <see cref="PostgresAccessGuard"/>'s remarks).</para>
/// </remarks>
internal static class PostgresCatalogProbes
{
    private const string Catalog = "pg_catalog";

    // Alias types: oid's binary-coercible targets but integer (a plain number) and the text search ones (regconfig,
    // regdictionary: configurations, never tables, and to_tsvector('english', ...) takes one). Keys: those, their
    // arrays, and oid with its array. Aggregates (max(oid)) and cast functions (int8(oid)) look nothing up.
    private const string Sql =
        "WITH alias AS (SELECT c.casttarget AS t FROM pg_catalog.pg_cast c WHERE c.castsource = 'pg_catalog.oid'::pg_catalog.regtype " +
        "AND c.castmethod = 'b' AND c.casttarget NOT IN ('pg_catalog.int4'::pg_catalog.regtype, 'pg_catalog.regconfig'::pg_catalog.regtype, " +
        "'pg_catalog.regdictionary'::pg_catalog.regtype)), " +
        "alias_types AS (SELECT y.oid, y.typname FROM pg_catalog.pg_type y WHERE y.oid IN (SELECT t FROM alias) OR y.typelem IN (SELECT t FROM alias)), " +
        "keys AS (SELECT oid FROM alias_types UNION ALL SELECT y.oid FROM pg_catalog.pg_type y " +
        "WHERE 'pg_catalog.oid'::pg_catalog.regtype IN (y.oid, y.typelem)) " +
        "SELECT 'function', p.proname::text FROM pg_catalog.pg_proc p WHERE p.proname = ANY($1::text[]) AND (p.proname = ANY($3::text[]) " +
        "OR (p.prokind <> 'a' AND NOT EXISTS (SELECT FROM pg_catalog.pg_cast c WHERE c.castfunc = p.oid) AND (p.prorettype IN (SELECT oid FROM keys) " +
        "OR coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[]) && ARRAY(SELECT oid FROM keys)))) " +
        "UNION ALL SELECT 'type', a.typname::text FROM alias_types a WHERE a.typname = ANY($2::text[]) " +
        "ORDER BY 1, 2 LIMIT 1";

    /// <summary>
    /// The lookup for a statement calling <paramref name="calls"/> (its <paramref name="tokens"/> name every other
    /// candidate), or null when the scope may read the catalog: then nothing is looked up.
    /// </summary>
    public static NpgsqlBatchCommand? Lookup(IReadOnlyList<SqlToken> tokens, IReadOnlySet<string> calls, IAccessScope access)
    {
        if (access.CheckCatalogRead(Catalog) is null) return null;
        var names = tokens.Select(PostgresTokens.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0) return null;
        return new NpgsqlBatchCommand(Sql)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = calls.ToArray() },
                new NpgsqlParameter { Value = names },
                new NpgsqlParameter { Value = PostgresFunctionPolicy.NamesCatalogObjectsByText.ToArray() },
            },
        };
    }

    /// <summary>
    /// Reads the lookup's result from <paramref name="reader"/> (positioned on it) and, when it found a function or
    /// type, discards the rest of the batch (the <c>EXPLAIN</c>, whatever its outcome) and throws the scope's catalog
    /// refusal. Otherwise the reader is left on the lookup's result, for the caller to move past.
    /// </summary>
    public static async Task RefuseFoundAsync(NpgsqlDataReader reader, IAccessScope access, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return;
        var probe = reader.GetString(0) == "function" ? $"function {reader.GetString(1)}()" : $"type {reader.GetString(1)}";
        try
        {
            while (await reader.NextResultAsync(ct))
            {
                // drains the EXPLAIN: its error, if any, is not the caller's answer
            }
        }
        catch (PostgresException)
        {
            // "relation ... does not exist" and the like would tell which names exist: the refusal below is the answer
        }
        throw PostgresAccessGuard.Denied(access.CheckCatalogRead(probe) ?? access.CheckCatalogRead(Catalog)!);
    }
}
