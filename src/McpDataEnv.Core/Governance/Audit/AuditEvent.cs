namespace McpDataEnv.Core.Governance.Audit;

/// <summary>What happened in one tool call, before it is placed in the chain.</summary>
/// <param name="Arguments">The call's arguments as given (full SQL or script text); never secrets.</param>
/// <param name="Verdict"><c>ok</c>, <c>refused</c> (an error the model can fix), <c>error</c> (internal fault) or <c>cancelled</c> (the client cancelled the call).</param>
/// <param name="Code">The error code when not ok.</param>
/// <param name="Rules">Policy rule ids that decided a refusal (e.g. <c>analyst.deny_columns</c>).</param>
/// <param name="Rows">Rows returned, when the tool returns rows.</param>
public sealed record AuditEvent(
    DateTimeOffset Time,
    string Principal,
    string Role,
    string Tool,
    IReadOnlyDictionary<string, string?> Arguments,
    string Verdict,
    string? Code,
    IReadOnlyList<string> Rules,
    long? Rows,
    double DurationMs);
