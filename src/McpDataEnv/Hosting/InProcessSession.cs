using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Hosting;

/// <summary>
/// The real MCP server and an MCP client joined by in-memory pipes: used by <c>mcpdataenv call</c>
/// and by contract tests, so both see exactly what a remote client would.
/// </summary>
public sealed class InProcessSession : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSession(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    public McpClient Client { get; }

    public static async Task<InProcessSession> StartAsync(EnvironmentRuntime runtime, CallerContext caller, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddStderrConsole();
        builder.Services.AddEnvironmentServer(runtime, new FixedCallerResolver(caller), caller)
            .WithStreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var transport = new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), loggers);
        var client = await McpClient.CreateAsync(transport, null, loggers, cancellationToken).ConfigureAwait(false);
        return new InProcessSession(host, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
