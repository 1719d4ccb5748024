using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace McpDataEnv.Core.Scripting;

/// <summary>One ScriptHost child process and its JSON-lines pipe. Never touches the server's own stdout.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxStderrTail = 4096;
    private readonly Process _process;
    private readonly StringBuilder _stderrTail = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderrTail)
            {
                _stderrTail.AppendLine(e.Data);
                if (_stderrTail.Length > MaxStderrTail) _stderrTail.Remove(0, _stderrTail.Length - MaxStderrTail);
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>False once the worker died, was killed or broke the protocol; such a worker is never reused.</summary>
    public bool IsHealthy { get; private set; } = true;

    public string StderrTail
    {
        get { lock (_stderrTail) return _stderrTail.ToString(); }
    }

    public static async Task<WorkerProcess> StartAsync(ProcessStartInfo info, TimeSpan timeout, CancellationToken ct)
    {
        var worker = new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("The script worker did not start."));
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(timeout);
        try
        {
            using var ready = await worker.ReadAsync(int.MaxValue, startup.Token);
            if (ready is null || !ready.RootElement.TryGetProperty("type", out var type) || !type.ValueEquals("ready"))
                throw new InvalidOperationException($"The script worker failed to start: {worker.StderrTail}");
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>Reads one message; null when the worker is gone. A line above <paramref name="maxChars"/> or bad JSON breaks the worker.</summary>
    public async Task<JsonDocument?> ReadAsync(int maxChars, CancellationToken ct)
    {
        var line = await _process.StandardOutput.ReadLineAsync(ct);
        if (line is null) return Broken();
        if (line.Length > maxChars) return Broken();
        try
        {
            var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            return Broken();
        }
        catch (JsonException)
        {
            return Broken();
        }
    }

    public async Task WriteAsync(Action<Utf8JsonWriter> body, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        var stdin = _process.StandardInput.BaseStream;
        await stdin.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        await stdin.FlushAsync(ct);
    }

    public void Kill()
    {
        IsHealthy = false;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private JsonDocument? Broken()
    {
        Kill();
        return null;
    }
}
