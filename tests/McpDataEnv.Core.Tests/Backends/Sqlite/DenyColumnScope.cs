using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>A test scope that denies one column (and optionally whole tables) and records every read it was asked about.</summary>
internal sealed class DenyColumnScope(string table, string column, params string[] deniedTables) : IAccessScope
{
    public System.Collections.Concurrent.ConcurrentQueue<(string Table, string Column)> Asked { get; } = new();

    public string Principal => "tester";

    public string Role => "analyst";

    public IReadOnlyDictionary<string, string> RowFilters { get; init; } = new Dictionary<string, string>();

    public AccessDenial? CheckRead(string t, string c)
    {
        Asked.Enqueue((t, c));
        if (deniedTables.Contains(t, StringComparer.OrdinalIgnoreCase))
        {
            return new AccessDenial(t, c, "analyst.deny_tables", $"The table {t} is not readable for this role.");
        }

        return string.Equals(t, table, StringComparison.OrdinalIgnoreCase) && string.Equals(c, column, StringComparison.OrdinalIgnoreCase)
            ? new AccessDenial(t, c, "analyst.deny_columns", $"The column {t}.{c} holds personal data.")
            : null;
    }
}
