using System.Globalization;
using ModelContextProtocol;

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

    private ToolProgress(string tool, IProgress<ProgressNotificationValue> progress)
    {
        _beats = BeatAsync(tool, progress, _stop.Token);
    }

    /// <summary>Starts the beats, or returns null when the client asked for no progress (the SDK then binds its internal no-op sink, NullProgress).</summary>
    public static ToolProgress? Start(string tool, IProgress<ProgressNotificationValue>? progress) =>
        progress is null || progress.GetType().Name == "NullProgress" ? null : new ToolProgress(tool, progress);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _beats.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task BeatAsync(string tool, IProgress<ProgressNotificationValue> progress, CancellationToken stop)
    {
        var started = DateTime.UtcNow;
        try
        {
            await Task.Delay(FirstBeat, stop).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                var seconds = Math.Round((DateTime.UtcNow - started).TotalSeconds, 1);
                progress.Report(new ProgressNotificationValue
                {
                    Progress = (float)seconds,
                    Message = string.Create(CultureInfo.InvariantCulture, $"{tool}: still running after {seconds:0.0} s"),
                });
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The call ended.
        }
    }
}
