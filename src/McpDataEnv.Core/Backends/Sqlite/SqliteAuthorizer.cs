using McpDataEnv.Core.Governance;
using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// The engine-side allow-list, installed with <c>sqlite3_set_authorizer</c> on every pooled read
/// connection. During prepare SQLite reports each action the statement would take; only what a read
/// needs passes (SELECT, READ, RECURSIVE, non-dangerous FUNCTIONs). Every (table, column) read is
/// put to the request's <see cref="IAccessScope"/>. Everything else, PRAGMA included, is denied.
/// </summary>
/// <remarks>
/// PRAGMA statements are all denied rather than allow-listed: the schema tool already answers what
/// harmless pragmas would, within the caller's rights. The pragma table-valued functions (<c>pragma_table_info</c>)
/// are refused by the text gate, and SQLite's own catalog tables (<c>sqlite_schema</c>...) are put to the scope as
/// catalog reads (<see cref="IAccessScope.CheckCatalogRead"/>).
/// One instance per connection; a connection serves one query at a time, so no locking is needed.
/// </remarks>
internal sealed class SqliteAuthorizer
{
    private const int Ok = 0;
    private const int Deny = 1;

    private static readonly HashSet<string> DeniedFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "zipfile", "zipfile_cds",
        "sqlar_compress", "sqlar_uncompress", "sqlite_dbpage", "lsmode", "shell_add_schema",
    };

    private readonly IReadOnlySet<string> _shadowed;
    private readonly HashSet<ColumnRead> _reads = [];
    private IAccessScope? _scope;

    /// <param name="shadowed">Tables this connection filters through TEMP views of the same name.</param>
    public SqliteAuthorizer(IReadOnlySet<string>? shadowed = null) => _shadowed = shadowed ?? new HashSet<string>();

    /// <summary>Every (table, column) the current statement reads as the caller sees it (views' internals excluded).</summary>
    public IReadOnlyCollection<ColumnRead> Reads => _reads;

    /// <summary>The first access denial seen during the current prepare, if any.</summary>
    public AccessDenial? Denial { get; private set; }

    /// <summary>The first non-read action seen during the current prepare, described for the model.</summary>
    public string? Refusal { get; private set; }

    public void Install(sqlite3 db) => raw.sqlite3_set_authorizer(db, (strdelegate_authorizer)Authorize, this);

    /// <summary>Arms the authorizer for one statement on behalf of <paramref name="scope"/>.</summary>
    public void Begin(IAccessScope scope)
    {
        _scope = scope;
        Denial = null;
        Refusal = null;
        Fault = null;
        _reads.Clear();
    }

    /// <summary>Disarms it: with no scope every action is denied.</summary>
    public void End() => _scope = null;

    /// <summary>An exception the scope threw inside the native callback, rethrown after prepare.</summary>
    public Exception? Fault { get; private set; }

    private static int Authorize(object state, int action, string? first, string? second, string? database, string? view)
    {
        var self = (SqliteAuthorizer)state;
        try
        {
            return self.Decide(action, first, second, database, view);
        }
        catch (Exception e)
        {
            // Never let an exception unwind through SQLite's native frames: deny and rethrow later.
            self.Fault ??= e;
            return Deny;
        }
    }

    private int Decide(int action, string? first, string? second, string? database, string? view)
    {
        if (_scope is null)
        {
            return Refuse("a statement outside a query");
        }

        switch (action)
        {
            case raw.SQLITE_SELECT:
            case raw.SQLITE_RECURSIVE:
                return Ok;
            case raw.SQLITE_READ:
                return CheckRead(first ?? string.Empty, second ?? string.Empty, database, view);
            case raw.SQLITE_FUNCTION:
                return second is not null && DeniedFunctions.Contains(second) ? Refuse($"the function {second}()") : Ok;
            default:
                return Refuse(SqliteActionNames.Describe(action, first));
        }
    }

    // An empty column means the engine touches the table without reading a column (count(*)):
    // the scope still sees it, so a table-level denial holds.
    private int CheckRead(string table, string column, string? database, string? view)
    {
        if (_shadowed.Count > 0 && RowFilterRead(table, database, view) is { } verdict)
        {
            return verdict;
        }

        _reads.Add(new ColumnRead(table, column));
        var denial = IsCatalog(table) ? _scope!.CheckCatalogRead(table) : _scope!.CheckRead(table, column);
        if (denial is null)
        {
            return Ok;
        }

        Denial ??= denial;
        return Deny;
    }

    // sqlite_schema (alias sqlite_master), sqlite_sequence, sqlite_stat1..4: names SQLite reserves for itself.
    private static bool IsCatalog(string table) => table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase);

    // With row filters, base-table reads are legitimate only inside one of this connection's TEMP
    // views (SQLite names the view responsible); the caller's read of the view itself (database
    // "temp") is checked like a table read. Anything else would bypass the filter: main.orders,
    // an operator's view in main over a filtered table, or the temp catalog that holds the predicates.
    private int? RowFilterRead(string table, string? database, string? view)
    {
        if (string.Equals(database, "main", StringComparison.OrdinalIgnoreCase) && view is not null && _shadowed.Contains(view))
        {
            if (!table.Equals(view, StringComparison.OrdinalIgnoreCase))
            {
                return Ok;
            }

            _reads.Add(new ColumnRead(table, string.Empty));
            return _scope!.CheckRead(table, string.Empty) is { } denial ? DenyWith(denial) : Ok;
        }

        if (string.Equals(database, "temp", StringComparison.OrdinalIgnoreCase))
        {
            return _shadowed.Contains(table) ? null : Refuse("a read of the temp schema");
        }

        return _shadowed.Contains(table) ? DenyWith(BypassDenial(table)) : null;
    }

    private AccessDenial BypassDenial(string table) => new(
        table,
        string.Empty,
        $"{_scope!.Role}.row_filters",
        $"Rows of {table} are filtered for role '{_scope.Role}'; read it by its plain name ({table}), not schema-qualified or through another view.");

    private int DenyWith(AccessDenial denial)
    {
        Denial ??= denial;
        return Deny;
    }

    private int Refuse(string what)
    {
        Refusal ??= what;
        return Deny;
    }
}
