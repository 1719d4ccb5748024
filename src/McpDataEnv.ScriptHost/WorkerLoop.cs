using System.Text.Json;

namespace McpDataEnv.ScriptHost;

/// <summary>Serves runs one after the other until stdin closes. Unknown or malformed messages are answered, never fatal.</summary>
internal sealed class WorkerLoop(HostChannel channel)
{
    public int Run()
    {
        WorkerWarmUp.Run();
        channel.Write(w =>
        {
            w.WriteString("type", "ready");
            w.WriteNumber("pid", Environment.ProcessId);
        });
        while (channel.Read() is { } message)
        {
            using (message)
            {
                Dispatch(message.RootElement);
            }
        }
        return 0;
    }

    private void Dispatch(JsonElement message)
    {
        var type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String
            ? i.GetString() ?? ""
            : "";
        switch (type)
        {
            case "run":
                new RunExecutor(channel).Execute(id, message);
                break;
            case "env":
                // Diagnostic handshake: lets the parent (and its tests) verify the child's environment is minimal.
                channel.Write(w =>
                {
                    w.WriteString("type", "env");
                    w.WriteStartArray("names");
                    foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal)) w.WriteStringValue(name);
                    w.WriteEndArray();
                });
                break;
            default:
                channel.Write(w =>
                {
                    w.WriteString("type", "error");
                    w.WriteString("id", id);
                    w.WriteString("code", "internal_error");
                    w.WriteString("message", "The worker received a message it does not understand.");
                });
                break;
        }
    }
}
