namespace McpDataEnv.Core.Governance;

/// <summary>
/// The principal's read rights as the engine sees them. Backends call <see cref="CheckRead"/>
/// for every (table, column) the database engine reports a statement reads, before any row is
/// returned, so aliases, <c>SELECT *</c>, views and predicates cannot dodge it.
/// </summary>
public interface IAccessScope
{
    /// <summary>Principal name, for audit and memory scoping.</summary>
    string Principal { get; }

    string Role { get; }

    /// <summary>Null when the read is allowed, else the denial (rule id and message).</summary>
    AccessDenial? CheckRead(string table, string column);

    /// <summary>
    /// Null when the principal may read the engine's own catalog <paramref name="catalog"/> (<c>sqlite_schema</c>,
    /// <c>information_schema.columns</c>, <c>pg_catalog.pg_attribute</c>...), else the denial. Backends ask this
    /// instead of <see cref="CheckRead"/> for catalog relations: the catalog describes every table and column, so it
    /// would show a restricted role what <c>describe_schema</c> deliberately leaves out.
    /// </summary>
    AccessDenial? CheckCatalogRead(string catalog) => null;

    /// <summary>
    /// Row filters that must hold for this principal: table → SQL predicate over that table's
    /// columns, with attributes already bound. Backends enforce them in the engine.
    /// </summary>
    IReadOnlyDictionary<string, string> RowFilters { get; }

    /// <summary>
    /// The principal's attributes that row filters bind (e.g. region: EMEA). PostgreSQL passes them to its
    /// row-level security policies as transaction-local settings (<c>mcpdataenv.attr.&lt;name&gt;</c>).
    /// </summary>
    IReadOnlyDictionary<string, string> Attributes => EmptyAttributes.Instance;
}

/// <summary>The attributes of a scope that carries none.</summary>
internal static class EmptyAttributes
{
    public static readonly IReadOnlyDictionary<string, string> Instance = new Dictionary<string, string>();
}

/// <param name="Rule">Policy rule id, e.g. <c>analyst.deny_columns</c>.</param>
public sealed record AccessDenial(string Table, string Column, string Rule, string Message);
