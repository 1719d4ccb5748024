using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// Pre-starts the script workers once a client has completed the MCP handshake, so the first run_script
/// does not pay a process start — and the handshake itself does not compete with worker start-up for the
/// CPU (on 2 cores that roughly doubled the time to answer initialize).
/// </summary>
public sealed class SandboxWarmUp
{
    private readonly EnvironmentRuntime _runtime;
    private readonly ILogger _logger;
    private int _started;

    public SandboxWarmUp(EnvironmentRuntime runtime, ILogger<SandboxWarmUp> logger)
    {
        _runtime = runtime;
        _logger = logger;
    }

    /// <summary>An incoming-message filter that starts the warm-up on the first <c>notifications/initialized</c>.</summary>
    public McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcNotification { Method: NotificationMethods.InitializedNotification })
        {
            Start();
        }

        await next(context, cancellationToken).ConfigureAwait(false);
    };

    /// <summary>Starts the workers in the background, once per process; failures only delay the first script.</summary>
    public void Start()
    {
        if (_runtime.Sandbox is not { } sandbox || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await sandbox.WarmUpAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "Script workers could not be pre-started; they will start on first use");
            }
        });
    }
}
