using System.Text;
using System.Text.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// The JSON-lines pipe to the parent: one JSON object per line on stdin and stdout.
/// Only this class writes to the real stdout; <see cref="Console.Out"/> is redirected to stderr at start-up.
/// </summary>
internal sealed class HostChannel(TextReader input, Stream output)
{
    // sql() results nest JSON cells (PostgreSQL json/jsonb) inside the message; RowTable enforces the run's own depth limit.
    private const int MaxMessageDepth = 10_016;
    private readonly Lock _writeLock = new();

    /// <summary>Reads the next message; null at end of input. A malformed line yields an empty-typed message.</summary>
    public JsonDocument? Read()
    {
        var line = input.ReadLine();
        if (line is null) return null;
        try
        {
            return JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = MaxMessageDepth });
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{\"type\":\"malformed\"}");
        }
    }

    public void Write(Action<Utf8JsonWriter> body)
    {
        lock (_writeLock)
        {
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false }))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }

    public static HostChannel FromConsole()
    {
        var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16);
        return new HostChannel(stdin, stdout);
    }
}
