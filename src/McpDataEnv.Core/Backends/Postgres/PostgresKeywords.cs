using System.Collections.Frozen;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// PostgreSQL keywords whose unquoted spelling the grammar always reads as syntax (Appendix C), for the guards that
/// read names off the statement's tokens (<see cref="PostgresFunctionCalls"/>, <see cref="PostgresTypeNames"/>).
/// </summary>
internal static class PostgresKeywords
{
    /// <summary>Fully reserved keywords that can be neither a function or type name nor a column name (<c>ColId</c>).</summary>
    public static FrozenSet<string> Reserved { get; } = new[]
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
        "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
        "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Column-name keywords that "cannot be function or type name": unquoted, the grammar reads them as syntax
    /// (<c>COALESCE(...)</c>, <c>EXTRACT(... FROM ...)</c>, <c>NUMERIC(p, s)</c>), though they may name a column.
    /// </summary>
    public static FrozenSet<string> ColumnNameOnly { get; } = new[]
    {
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none",
        "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
        "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
    }.ToFrozenSet(StringComparer.Ordinal);
}
