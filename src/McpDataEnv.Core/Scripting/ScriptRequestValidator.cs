using System.Text.Json;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Scripting;

/// <summary>Checks a run request in the parent, before any worker sees it.</summary>
internal static class ScriptRequestValidator
{
    public static void Validate(ScriptRunRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Code))
            throw new DataEnvException(ErrorCodes.InvalidArgument, "code is empty: pass ES5.1 JavaScript whose last expression is the result.");
        if (request.Code.Length > request.Limits.MaxSourceChars)
            throw new DataEnvException(ErrorCodes.ScriptLimit,
                $"The script is {request.Code.Length} characters long; the limit is {request.Limits.MaxSourceChars}. Move data work into SQL.",
                new Dictionary<string, object?> { ["limit"] = "max_source_chars", ["limit_value"] = request.Limits.MaxSourceChars });
        if (request.InputsJson is null) return;
        if (request.InputsJson.Length > request.Limits.MaxOutputBytes)
            throw new DataEnvException(ErrorCodes.InvalidArgument, $"inputs is larger than {request.Limits.MaxOutputBytes} bytes.");
        try
        {
            using var _ = JsonDocument.Parse(request.InputsJson, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, "inputs is not valid JSON (at most 64 levels deep).");
        }
    }
}
