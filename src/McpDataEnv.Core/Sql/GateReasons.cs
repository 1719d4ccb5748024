namespace McpDataEnv.Core.Sql;

/// <summary>Stable reason ids for gate refusals. Tests and clients match on these.</summary>
public static class GateReasons
{
    public const string Empty = "empty";
    public const string TooLong = "too_long";
    public const string MultipleStatements = "multiple_statements";
    public const string NotAQuery = "not_a_query";
    public const string Write = "write";
    public const string Ddl = "ddl";
    public const string TransactionControl = "transaction_control";
    public const string Pragma = "pragma";
    public const string Attach = "attach";
    public const string SelectInto = "select_into";
    public const string Permission = "permission";
    public const string SessionControl = "session_control";
    public const string ForbiddenFunction = "forbidden_function";
    public const string Locking = "locking";
    public const string Syntax = "syntax";
}
