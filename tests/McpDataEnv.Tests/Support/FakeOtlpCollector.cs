using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// A tiny OTLP/HTTP receiver on a free loopback port: keeps each request's path and body (protobuf strings
/// are readable as UTF-8 bytes, so no decoding is needed) and answers 200 with an empty body.
/// </summary>
public sealed class FakeOtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();
    private readonly Task _loop;

    public FakeOtlpCollector()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The body of the first request to <paramref name="path"/> containing <paramref name="text"/>.</summary>
    public async Task<string> WaitForAsync(string path, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var hit = _requests.FirstOrDefault(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal));
            if (hit.Body is not null)
            {
                return hit.Body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no {path} export containing '{text}' arrived; saw: {string.Join(", ", _requests.Select(r => r.Path))}");
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
