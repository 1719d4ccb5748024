namespace McpDataEnv.Core.Sql.Lexing;

/// <summary>One significant token. <see cref="Text"/> is the decoded name for quoted identifiers.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    /// <summary>True for an unquoted word equal (ASCII case-insensitively) to <paramref name="keyword"/>.</summary>
    public bool IsWord(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for an unquoted word or a quoted identifier, i.e. something that can name a function.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
