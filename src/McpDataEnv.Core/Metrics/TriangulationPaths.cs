using System.Text.Json;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Metrics;

/// <summary>Builds the usual paths: a SQL query's single cell, and a sandboxed script's completion value.</summary>
public static class TriangulationPaths
{
    /// <param name="runRows">Runs the query through the server's gate/backend/policy and returns its rows (cells normalised).</param>
    public static TriangulationPath Sql(string name, Func<CancellationToken, Task<IReadOnlyList<IReadOnlyList<object?>>>> runRows) =>
        new(name, async ct => TriangulationValue.FromSingleCell(await runRows(ct), name));

    /// <summary>The script's completion value must be a finite JSON number (it is never scraped from logs).</summary>
    public static TriangulationPath Script(ScriptSandbox sandbox, ScriptRunRequest request, ISqlBridge bridge) =>
        new("script", async ct =>
        {
            var run = await sandbox.RunAsync(request, bridge, ct);
            if (run.Result.ValueKind != JsonValueKind.Number)
                throw new DataEnvException(ErrorCodes.InvalidArgument,
                    $"The script must end with the metric as a number (its last expression), not {run.Result.ValueKind.ToString().ToLowerInvariant()}. For example: var total = sum(rows, 'amount'); total");
            return TriangulationValue.FromCell(run.Result, "script");
        });
}
