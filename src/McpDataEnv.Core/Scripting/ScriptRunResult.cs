using System.Text.Json;

namespace McpDataEnv.Core.Scripting;

/// <summary>A successful run.</summary>
/// <param name="ResultJson">The script's completion value as JSON text (<c>null</c> for undefined), size-capped.</param>
/// <param name="Logs">Captured <c>console.*</c> lines (warn/error prefixed), capped.</param>
/// <param name="ElapsedMs">Wall-clock time seen by the caller, queueing excluded.</param>
public sealed record ScriptRunResult(string ResultJson, IReadOnlyList<string> Logs, double ElapsedMs, ScriptStats Stats)
{
    /// <summary>The result parsed (a detached element, safe to keep).</summary>
    public JsonElement Result { get; } = ParseDetached(ResultJson);

    private static JsonElement ParseDetached(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        return document.RootElement.Clone();
    }
}
