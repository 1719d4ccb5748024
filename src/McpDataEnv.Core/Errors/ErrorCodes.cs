namespace McpDataEnv.Core.Errors;

/// <summary>The stable error codes a client may switch on. Never rename one; add new ones.</summary>
public static class ErrorCodes
{
    public const string InvalidArgument = "invalid_argument";
    public const string SqlRejected = "sql_rejected";
    public const string SqlError = "sql_error";
    public const string EngineRefused = "engine_refused";
    public const string Timeout = "timeout";
    public const string ResultTooLarge = "result_too_large";
    public const string DatabaseUnavailable = "database_unavailable";
    public const string AccessDenied = "access_denied";
    public const string ToolDisabled = "tool_disabled";
    public const string NotFound = "not_found";
    public const string ScriptError = "script_error";
    public const string ScriptLimit = "script_limit";
    public const string ScriptSyntax = "script_syntax";
    public const string TriangulationFailed = "triangulation_failed";
    public const string VersionConflict = "version_conflict";
    public const string LimitExceeded = "limit_exceeded";
    public const string RateLimited = "rate_limited";
    public const string PlanRequired = "plan_required";
    public const string Internal = "internal_error";
}
