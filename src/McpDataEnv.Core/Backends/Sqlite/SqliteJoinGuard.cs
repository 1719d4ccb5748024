using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Sql.Lexing;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Closes what SQLite's authorizer never reports: the implicit equality of a <c>USING (...)</c> or
/// <c>NATURAL</c> join compares columns without an authorizer call, and a base table named only through
/// such a join is not reported at all. So, before prepare: a <c>USING</c> column the role may not read in
/// any table is refused, <c>NATURAL</c> joins are refused for roles with column denials, and
/// <c>main.&lt;filtered table&gt;</c> is refused for roles with row filters.
/// </summary>
/// <remarks>Conservative by design: it can refuse a harmless query, never let a denied read through.</remarks>
internal static class SqliteJoinGuard
{
    public static void Check(string sql, IAccessScope scope, SqliteShadowViews views, Func<LiveSchema> schema)
    {
        var lex = SqlLexer.Tokenize(sql, SqlDialect.Sqlite);
        if (lex.Error is not null)
        {
            return; // the engine rejects what cannot be tokenized
        }

        var tokens = lex.Tokens;
        var named = new HashSet<string>(tokens.Select(Name).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var joined = new Lazy<LiveSchema>(() => new LiveSchema([.. schema().Tables.Where(t => named.Contains(t.Name))]));
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsName(tokens[i], "main") && i + 2 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.Dot
                && Name(tokens[i + 2]) is { } table && views.Tables.Contains(table))
            {
                throw Denied(new AccessDenial(table, string.Empty, $"{scope.Role}.row_filters",
                    $"Rows of {table} are filtered for role '{scope.Role}'; read it by its plain name ({table}), not as main.{table}."));
            }

            if (tokens[i].IsWord("using") && i + 1 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.OpenParen)
            {
                for (var j = i + 2; j < tokens.Count && tokens[j].Kind != SqlTokenKind.CloseParen; j++)
                {
                    if (Name(tokens[j]) is { } column && FirstDenial(scope, joined.Value, column) is { } denial)
                    {
                        throw Denied(denial);
                    }
                }
            }

            if (tokens[i].IsWord("natural") && FirstDenial(scope, joined.Value, null) is { } any)
            {
                throw Denied(any with { Message = $"NATURAL joins compare columns implicitly and role '{scope.Role}' may not read {any.Table}.{any.Column}. Write JOIN ... ON with explicit columns." });
            }
        }
    }

    private static AccessDenial? FirstDenial(IAccessScope scope, LiveSchema schema, string? column) =>
        schema.Tables
            .SelectMany(t => t.Columns.Where(c => column is null || c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)).Select(c => (t.Name, c.Name)))
            .Select(tc => scope.CheckRead(tc.Item1, tc.Item2))
            .FirstOrDefault(d => d is not null);

    private static string? Name(SqlToken token) =>
        token.IsName || token.Kind == SqlTokenKind.String ? token.Text : null;

    private static bool IsName(SqlToken token, string name) =>
        Name(token) is { } text && text.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static DataEnvException Denied(AccessDenial denial) => new(
        ErrorCodes.AccessDenied,
        $"Access denied: reading {denial.Table}.{denial.Column} is not allowed ({denial.Rule}). {denial.Message}",
        new Dictionary<string, object?> { ["table"] = denial.Table, ["column"] = denial.Column, ["rule"] = denial.Rule });
}
