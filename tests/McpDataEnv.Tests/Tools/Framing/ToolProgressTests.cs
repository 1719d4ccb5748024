using System.Threading.Channels;
using McpDataEnv.Tests.Support;
using McpDataEnv.Tools;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;

namespace McpDataEnv.Tests.Tools.Framing;

/// <summary>
/// When a long call reports progress, on a clock that moves only when the test says so (over HTTP, the
/// ProgressAndCancellationTests show the beats reaching the official client).
/// </summary>
public sealed class ToolProgressTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ManualClock _clock = new();
    private readonly Channel<ProgressNotificationValue> _sent = Channel.CreateUnbounded<ProgressNotificationValue>();

    [Fact]
    public async Task A_call_that_ends_within_half_a_second_sends_no_beat()
    {
        var progress = Start();

        _clock.Advance(ToolProgress.FirstBeat - TimeSpan.FromMilliseconds(1));
        await progress.DisposeAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        _sent.Reader.TryRead(out _).Should().BeFalse("the call ended before its first beat was due");
    }

    [Fact]
    public async Task A_long_call_beats_at_half_a_second_and_then_every_second_with_the_time_spent()
    {
        await using var progress = Start();

        _clock.Advance(ToolProgress.FirstBeat);
        var first = await NextAsync();
        _clock.Advance(ToolProgress.Interval);
        var second = await NextAsync();
        _clock.Advance(ToolProgress.Interval);
        var third = await NextAsync();

        new[] { first.Progress, second.Progress, third.Progress }.Should().Equal(0.5f, 1.5f, 2.5f);
        first.Message.Should().Be("run_script: still running after 0.5 s");
        third.Total.Should().BeNull("one query or script run has no honest fraction done");
    }

    [Fact]
    public async Task No_beat_follows_the_end_of_the_call()
    {
        var progress = Start();
        _clock.Advance(ToolProgress.FirstBeat);
        await NextAsync();

        await progress.DisposeAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        _sent.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Ending_the_call_waits_for_a_beat_being_sent_so_the_result_cannot_overtake_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new ToolProgress("run_script", _ => { sending.TrySetResult(); return release.Task; }, _clock, NullLogger.Instance);
        _clock.Advance(ToolProgress.FirstBeat);
        await sending.Task.WaitAsync(Patience);

        var ending = progress.DisposeAsync().AsTask();
        await Task.Yield();
        ending.IsCompleted.Should().BeFalse("the beat in flight is still being sent");

        release.SetResult();
        await ending.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_client_that_went_away_does_not_fail_the_call()
    {
        var progress = new ToolProgress("run_script", _ => throw new IOException("the client went away"), _clock, NullLogger.Instance);

        _clock.Advance(ToolProgress.FirstBeat);

        await progress.Invoking(p => p.DisposeAsync().AsTask()).Should().NotThrowAsync();
    }

    private ToolProgress Start() =>
        new("run_script", beat => _sent.Writer.WriteAsync(beat).AsTask(), _clock, NullLogger.Instance);

    private async Task<ProgressNotificationValue> NextAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(Patience);
}
