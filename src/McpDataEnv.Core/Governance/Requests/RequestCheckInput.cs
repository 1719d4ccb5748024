namespace McpDataEnv.Core.Governance.Requests;

/// <summary>What a caller intends to do, declared before running anything (<c>check_request</c>).</summary>
/// <param name="Columns">As <c>table.column</c>.</param>
public sealed record RequestCheckInput(string Question, IReadOnlyList<string> Tables, IReadOnlyList<string> Columns, IReadOnlyList<string> Metrics);
