using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Where row filters (<see cref="IAccessScope.RowFilters"/>) will be enforced on SQLite: TEMP views
/// that shadow the filtered tables, with the authorizer refusing direct reads of <c>main.&lt;table&gt;</c>
/// outside those views. Until that lands, a scope that carries row filters is refused (fail closed)
/// rather than silently shown unfiltered rows.
/// </summary>
internal static class SqliteRowFilterSeam
{
    public static void Apply(IAccessScope scope)
    {
        if (scope.RowFilters.Count == 0)
        {
            return;
        }

        var tables = string.Join(", ", scope.RowFilters.Keys.Order(StringComparer.Ordinal));
        throw new DataEnvException(
            ErrorCodes.AccessDenied,
            $"Your role has row filters on {tables}, which this SQLite database cannot enforce yet, so no query runs for it. Ask the operator for a role without row filters.",
            new Dictionary<string, object?> { ["rule"] = "row_filters_unsupported", ["tables"] = tables });
    }
}
