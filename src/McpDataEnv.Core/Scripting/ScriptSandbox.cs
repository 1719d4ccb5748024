using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Scripting;

/// <summary>
/// <c>run_script</c>'s sandbox: a warm pool of killable ScriptHost processes (Jint 2.10.4), each with a hard
/// heap limit and a minimal environment, watched by a wall-clock watchdog in this process.
/// </summary>
/// <remarks>
/// Up to <see cref="ScriptSettings.MaxConcurrent"/> runs execute in parallel; further calls queue (and honour
/// cancellation while queued). A worker that timed out, crashed, was cancelled or broke the protocol is killed
/// and replaced in the background. Nothing here writes to the server's stdout.
/// </remarks>
public sealed class ScriptSandbox : IAsyncDisposable
{
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromMilliseconds(5);
    private readonly ScriptSettings _settings;
    private readonly ScriptSandboxOptions _options;
    private readonly WorkerLaunch _launch;
    private readonly ConcurrentQueue<WorkerProcess> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _disposed = new();
    private int _starting;

    public ScriptSandbox(ScriptSettings settings, ScriptSandboxOptions? options = null)
    {
        _settings = settings;
        _options = options ?? new ScriptSandboxOptions();
        _launch = new WorkerLaunch(_options, settings.MemoryMb);
        _slots = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrent));
    }

    /// <summary>Number of started, idle workers (for health checks and tests).</summary>
    public int IdleWorkers => _idle.Count;

    /// <summary>Starts workers until <see cref="ScriptSettings.Workers"/> are idle. Call at server start-up.</summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        var missing = Math.Max(0, _settings.Workers - _idle.Count - Volatile.Read(ref _starting));
        await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => AddIdleWorkerAsync(ct)));
    }

    /// <summary>Runs a script. Errors the model can fix are <see cref="DataEnvException"/>s: script_error, script_syntax, script_limit, invalid_argument.</summary>
    public async Task<ScriptRunResult> RunAsync(ScriptRunRequest request, ISqlBridge sql, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        ScriptRequestValidator.Validate(request);
        await _slots.WaitAsync(ct);
        try
        {
            var worker = await AcquireAsync(ct);
            try
            {
                return await RunOnAsync(worker, request, sql, ct);
            }
            finally
            {
                Release(worker);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Asks an idle worker for the names of its environment variables (diagnostics: proves no secret is inherited).</summary>
    public async Task<IReadOnlyList<string>> GetWorkerEnvironmentNamesAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            var worker = await AcquireAsync(ct);
            try
            {
                await worker.WriteAsync(w => w.WriteString("type", "env"), ct);
                using var reply = await worker.ReadAsync(1 << 20, ct) ?? throw new InvalidOperationException("The script worker stopped.");
                return reply.RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
            }
            finally
            {
                Release(worker);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Kills every idle worker as if it had crashed (tests prove replacement with it).</summary>
    internal void KillIdleWorkersForTest()
    {
        foreach (var worker in _idle) worker.Kill();
    }

    private async Task<ScriptRunResult> RunOnAsync(WorkerProcess worker, ScriptRunRequest request, ISqlBridge sql, CancellationToken ct)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        watchdog.CancelAfter(TimeSpan.FromMilliseconds(request.Limits.TimeoutMs) + _options.WatchdogGrace);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await new WorkerConversation(worker, request, sql).RunAsync(watchdog.Token);
            return result with { ElapsedMs = clock.Elapsed.TotalMilliseconds };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            worker.Kill();
            throw new DataEnvException(ErrorCodes.ScriptLimit,
                $"The script ran longer than {request.Limits.TimeoutMs} ms and was stopped. Aggregate in SQL and keep loops over rows simple.",
                new Dictionary<string, object?> { ["limit"] = "timeout_ms", ["limit_value"] = request.Limits.TimeoutMs });
        }
        catch (Exception)
        {
            // Cancelled by the caller, or a fault mid-conversation: the worker's state is unknown.
            if (ct.IsCancellationRequested || _disposed.IsCancellationRequested) worker.Kill();
            throw;
        }
    }

    /// <summary>
    /// An idle worker; while others are starting (the pool at server start-up), waits for one of them rather than
    /// starting yet another process that would compete with them for the CPU.
    /// </summary>
    private async Task<WorkerProcess> AcquireAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (TakeIdle() is { } idle) return idle;
            if (Volatile.Read(ref _starting) == 0 || deadline.Elapsed > _options.StartTimeout) return await StartWorkerAsync(ct);
            await Task.Delay(IdlePollInterval, ct);
        }
    }

    private WorkerProcess? TakeIdle()
    {
        while (_idle.TryDequeue(out var worker))
        {
            if (worker.IsHealthy) return worker;
            worker.Dispose();
            Replenish();
        }
        return null;
    }

    private void Release(WorkerProcess worker)
    {
        if (worker.IsHealthy && !_disposed.IsCancellationRequested && _idle.Count < Math.Max(_settings.Workers, _settings.MaxConcurrent))
        {
            _idle.Enqueue(worker);
            return;
        }
        worker.Dispose();
        Replenish();
    }

    private void Replenish()
    {
        if (_disposed.IsCancellationRequested || _idle.Count + Volatile.Read(ref _starting) >= _settings.Workers) return;
        _ = AddIdleWorkerAsync(_disposed.Token).ContinueWith(
            t => Console.Error.WriteLine($"script worker could not be started: {t.Exception?.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task AddIdleWorkerAsync(CancellationToken ct)
    {
        var worker = await StartWorkerAsync(ct);
        if (_disposed.IsCancellationRequested) worker.Dispose();
        else _idle.Enqueue(worker);
    }

    private async Task<WorkerProcess> StartWorkerAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _starting);
        try
        {
            return await WorkerProcess.StartAsync(_launch.Create(), _options.StartTimeout, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _starting);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested) return ValueTask.CompletedTask;
        _disposed.Cancel();
        while (_idle.TryDequeue(out var worker)) worker.Dispose();
        return ValueTask.CompletedTask;
    }
}
