using System.Globalization;
using System.Text.Json;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Metrics;

/// <summary>Builds the usual paths: a SQL query's single cell, and a sandboxed script's completion value.</summary>
public static class TriangulationPaths
{
    /// <param name="run">Runs the query through the server's gate/backend/policy (cells normalised).</param>
    /// <remarks>
    /// A result cut by the size cap is refused: its first row alone could pass for the single-row answer. One cut by
    /// the row cap (the caller fetches two rows) has two rows and is refused as "not exactly one row".
    /// </remarks>
    public static TriangulationPath Sql(string name, Func<CancellationToken, Task<QueryResult>> run) =>
        new(name, async ct =>
        {
            var result = await run(ct);
            if (result.Truncation == ResultTruncation.Bytes)
                throw new DataEnvException(ErrorCodes.ResultTooLarge,
                    string.Create(CultureInfo.InvariantCulture,
                        $"The {name} query's result passed the result-size cap after {result.Rows.Count} row(s), so it cannot be compared. It must return exactly one row with one numeric column: aggregate to a single value."));
            if (result.Truncated && result.Rows.Count < 2)
                throw new DataEnvException(ErrorCodes.InvalidArgument,
                    $"The {name} query returned more rows than were read, so it cannot be compared. It must return exactly one row with one numeric column: aggregate to a single value.");
            return TriangulationValue.FromSingleCell(result.Rows, name);
        });

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
