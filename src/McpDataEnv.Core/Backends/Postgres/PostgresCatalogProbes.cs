using McpDataEnv.Core.Errors;
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
/// <para>Row types. Every table, view and catalog relation is also a composite type (<c>pg_type.typrelid</c> set)
/// whose fields are its columns, so <c>(NULL::payroll).*</c>, <c>json_populate_record(NULL::customers, '{}')</c> or
/// <c>(NULL::customers).email</c> name the columns of a table the role may not read, and <c>'(1,x,2)'::payroll</c>
/// tests them. The rule: such a scope may not name any relation's row type, its array type (<c>payroll[]</c>,
/// <c>_payroll</c>) or a domain over it, as a type, whatever the relation — not even one it may read in full. Row
/// types are not analytics (a readable table's columns come from selecting them, and <c>describe_schema</c> lists
/// them), and "readable in full" would have to ask the scope about every column of every same-named relation in
/// every schema (the lookup matches names, it does not resolve the <c>search_path</c>) for no query that needs it.
/// Which names stand where the grammar reads a type is read off the tokens (<see cref="PostgresTypeNames"/>: a table
/// name in <c>FROM</c> is the same word as its row type); which of them are row types is asked of <c>pg_type</c>.
/// The refusal (<see cref="RowTypeRefusal"/>) names no type, and <c>EXPLAIN</c>'s "type ... does not exist" is the same
/// refusal for such a scope (<see cref="IsMissingType"/>), so <c>NULL::payroll</c> and <c>NULL::nosuch</c> get
/// byte-identical answers (a misspelt <c>::nmeric</c> gets it too; its message says so).</para>
/// <para>The lookup rides in the <c>EXPLAIN</c> round trip, before it; <c>EXPLAIN</c>'s own outcome (for
/// <c>'nosuch'::regclass</c>, "relation does not exist") is then discarded, so it cannot tell the caller anything.
/// Not covered: timing (a refused statement is still parsed by <c>EXPLAIN</c>); and, as for a missing table in
/// <c>FROM</c> (see <see cref="PostgresAccessGuard"/>'s remarks), whether a relation exists can still be told from a
/// statement with another error before its row type (<c>SELECT no_such_column, NULL::payroll</c>: this refusal for an
/// existing table, PostgreSQL's error for a missing one) — the existence, never the columns.</para>
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
        "UNION ALL SELECT 'row type', r.typname::text FROM pg_catalog.pg_type r WHERE r.typname = ANY($4::text[]) AND (r.typrelid <> 0 " +
        "OR EXISTS (SELECT FROM pg_catalog.pg_type e WHERE e.oid IN (r.typelem, r.typbasetype) AND e.typrelid <> 0)) " +
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
                new NpgsqlParameter { Value = PostgresTypeNames.Find(tokens).ToArray() },
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
        var kind = reader.GetString(0);
        var probe = kind == "function" ? $"function {reader.GetString(1)}()" : $"type {reader.GetString(1)}";
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
        throw kind == "row type"
            ? RowTypeRefusal(access)
            : PostgresAccessGuard.Denied(access.CheckCatalogRead(probe) ?? access.CheckCatalogRead(Catalog)!);
    }

    /// <summary>
    /// True when <paramref name="error"/>, raised by <c>EXPLAIN</c>, is PostgreSQL's "type ... does not exist" and the
    /// scope may not read the catalog: the caller then throws <see cref="RowTypeRefusal"/>, the answer an existing
    /// table's row type gets, so that the error cannot tell which tables exist. Told by the raising routine, not by
    /// the message, which the server may translate.
    /// </summary>
    public static bool IsMissingType(PostgresException error, IAccessScope access) =>
        error is { SqlState: PostgresErrorCodes.UndefinedObject, Routine: "typenameType" or "LookupTypeNameOid" }
        && access.CheckCatalogRead(Catalog) is not null;

    /// <summary>
    /// The one refusal for a table's row type and for a type that does not exist; it names neither (the type is the
    /// secret), so it is byte-identical for both. Its message reaches the model.
    /// </summary>
    public static DataEnvException RowTypeRefusal(IAccessScope access) =>
        PostgresAccessGuard.Denied(access.CheckCatalogRead(Catalog)! with
        {
            Table = "a table's row type",
            Message = "The statement uses a table's row type as a type (x::table, CAST(x AS table), table '(...)', " +
                "json_populate_record(NULL::table, ...), a column definition list), or names a type that does not exist; " +
                "both get this answer, so that it does not tell which tables exist. A row type lists every column of its " +
                "table, those this role may not read included. Select the columns you need from the table instead " +
                "(describe_schema lists every table and column this role may query), and check the spelling of any other type.",
        });
}
