namespace McpDataEnv.Core.Sql.Lexing;

/// <summary>The coarse token classes the gate reasons about; trivia (whitespace, comments) is dropped.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Parameter,
    OpenParen,
    CloseParen,
    Semicolon,
    Dot,
    Comma,
    Operator,
}
