namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>One lexical token of PostgreSQL text: an identifier (case-folded unless quoted) or a symbol.</summary>
/// <remarks>String literals, numbers, comments and whitespace are dropped by the lexer: they never name anything.</remarks>
internal readonly record struct PostgresToken(PostgresTokenKind Kind, string Text);

internal enum PostgresTokenKind
{
    Identifier,
    Symbol,
}
