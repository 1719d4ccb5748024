namespace McpDataEnv.Core.Metrics;

/// <summary>One independent way of computing a metric's value.</summary>
/// <param name="Name">Stable label: <c>sql</c>, <c>script</c> or <c>canonical</c>.</param>
/// <param name="Compute">Returns the value; throws <c>DataEnvException</c> when the path itself failed.</param>
public sealed record TriangulationPath(string Name, Func<CancellationToken, Task<TriangulationValue>> Compute);
