using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>
/// Progress for long tool calls: when the client sent a progress token, a call still running after half a second
/// reports the time spent so far, then once a second until it ends. The work itself (one query, one script run)
/// has no meaningful fraction done, so <c>total</c> stays unset: these are honest "still working" beats.
/// </summary>
internal sealed class ToolProgress : IAsyncDisposable
{
    public static readonly TimeSpan FirstBeat = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beats;

    /// <summary>
    /// Starts beating now. <paramref name="clock"/> decides when a beat is due (the system clock in the server; a
    /// manual one in tests, so "no beat before half a second" is a fact rather than a race).
    /// </summary>
    internal ToolProgress(string tool, Func<ProgressNotificationValue, Task> send, TimeProvider clock, ILogger logger)
    {
        _beats = BeatAsync(tool, send, clock, logger, _stop.Token);
    }

    /// <summary>
    /// Starts the beats, or returns null when the request carries no progress token: the client asked for no
    /// progress. The token is what the protocol defines as asking (and what the SDK itself checks before it binds a
    /// real <see cref="IProgress{T}"/> sink rather than its internal no-op one).
    /// </summary>
    public static ToolProgress? Start(string tool, RequestContext<CallToolRequestParams>? request, ILogger logger) =>
        request?.Params?.ProgressToken is { } token
            ? new ToolProgress(
                tool,
                // Not cancelled by the call's end: a beat is never cut off mid-frame.
                beat => request.Server.NotifyProgressAsync(token, beat, cancellationToken: CancellationToken.None),
                TimeProvider.System,
                logger)
            : null;

    /// <summary>Stops the beats and waits for one being sent, so the call's result (sent after this) never overtakes it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _beats.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task BeatAsync(
        string tool, Func<ProgressNotificationValue, Task> send, TimeProvider clock, ILogger logger, CancellationToken stop)
    {
        var started = clock.GetTimestamp();
        try
        {
            await Task.Delay(FirstBeat, clock, stop).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                var seconds = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1);
                var beat = new ProgressNotificationValue
                {
                    Progress = (float)seconds,
                    Message = string.Create(CultureInfo.InvariantCulture, $"{tool}: still running after {seconds:0.0} s"),
                };

                // Awaited, so no beat reaches a client that has already received the result and forgotten the token.
                await send(beat).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The call ended.
        }
        catch (Exception fault)
        {
            // Beats are a courtesy: a client that went away must not turn the call itself into a failure; the
            // result's own send meets the same transport and reports it there.
            logger.LogDebug(fault, "{Tool}: progress beats stopped: the notification could not be sent", tool);
        }
    }
}
