using System.Text.Json;

namespace McpDataEnv.Hosting;

/// <summary>
/// Why a frame that did not parse was refused, when the reason is its nesting: the SDK reads messages with
/// System.Text.Json's default limit, and its own answer (-32700 "Failed to parse") does not say so.
/// </summary>
public static class JsonNesting
{
    /// <summary>The depth the SDK's JSON options allow (System.Text.Json's default, which they keep).</summary>
    public const int Limit = 64;

    /// <summary>What a client reads when its frame is nested too deep.</summary>
    public const string TooDeep =
        "Parse error: the JSON is nested deeper than 64 levels (arrays and objects, the JSON-RPC envelope included); send flatter JSON.";

    /// <summary>
    /// Whether <paramref name="utf8"/> opens more than <see cref="Limit"/> arrays or objects inside one another
    /// before any syntax error. Only asked after the frame failed to parse, so the second reading costs nothing
    /// on the way of a good frame.
    /// </summary>
    public static bool ExceedsLimit(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth >= Limit)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Broken before it got too deep: some other parse error.
        }

        return false;
    }
}
