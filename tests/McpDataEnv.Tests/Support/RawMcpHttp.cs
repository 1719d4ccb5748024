using System.Net.Http.Headers;
using System.Text;

namespace McpDataEnv.Tests.Support;

/// <summary>Hand-made Streamable HTTP requests, for the status codes a real client never provokes.</summary>
public static class RawMcpHttp
{
    public const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";
    public const string ToolsList = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    public static HttpClient Client { get; } = new();

    public static Task<HttpResponseMessage> PostAsync(string url, string body, string? key = null, string? session = null, string accept = "application/json, text/event-stream", string? version = null, string? origin = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (contentType is not null)
        {
            // Unvalidated, so a client's malformed or unknown charset reaches the server as sent.
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.TryAddWithoutValidation("Accept", accept);
        Decorate(request, key, session, version, origin);
        return Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? key = null, string? session = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        Decorate(request, key, session, null, null);
        return Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Initializes a session as <paramref name="key"/>'s principal and returns its id.</summary>
    public static async Task<string> OpenSessionAsync(string url, string? key)
    {
        using var response = await PostAsync(url, Initialize, key);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await PostAsync(url, Initialized, key, session);
        initialized.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        return session;
    }

    /// <summary>The legacy transport's first event on an open <c>GET /sse</c> stream: where its session takes messages.</summary>
    public static async Task<string> AnnouncedEndpointAsync(HttpResponseMessage stream)
    {
        // Left open: closing the stream would end the session before the post.
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(), leaveOpen: true);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The SSE stream ended before announcing its endpoint.");
    }

    private static void Decorate(HttpRequestMessage request, string? key, string? session, string? version, string? origin)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        if (version is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", version);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
    }
}
