using System.Reflection;
using System.Runtime.CompilerServices;
using Jint;
using Jint.Runtime.Debugger;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Stops runaway allocation and stack growth between statements, which Jint 2.10.4 cannot do itself.
/// </summary>
/// <remarks>
/// Jint's step handler only runs in debug mode, and debug mode costs ~3x on every statement and call even when
/// the handler is idle (breakpoint scan, a debug call stack of strings). So debug mode is off; a timer switches
/// it on every <see cref="RearmInterval"/>, and the next statement's step handler checks and switches it off
/// again: a check every few milliseconds at almost no cost. Host functions and patched built-ins call
/// <see cref="Check"/> directly as well. If Jint's internals are not where expected, debug mode stays on and
/// every statement is checked (slow, still safe).
/// </remarks>
internal sealed unsafe class RunGuard : IDisposable
{
    private static readonly TimeSpan RearmInterval = TimeSpan.FromMilliseconds(5);
    private static readonly FieldInfo? DebugModeField = typeof(Options).GetField("_debugMode", BindingFlags.NonPublic | BindingFlags.Instance);

    // Live heap above this share of the process's hard heap limit stops the run before an OutOfMemoryException.
    private const double LiveHeapShare = 0.7;
    private readonly long _liveHeapLimit = (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * LiveHeapShare);
    private readonly long _allocationStart;
    private readonly long _allocationBudget;
    private readonly long _stackBase;
    private readonly long _maxStackBytes;
    private readonly Timer? _rearm;
    private long _allocatedAtCollection = long.MinValue / 2;
    private long _liveAtCollection;

    /// <summary>Configures <paramref name="options"/> (call inside the engine's options callback), before the engine exists.</summary>
    public static void Configure(Options options) => options.DebugMode(DebugModeField is null);

    /// <param name="options">The engine's options, as passed to its options callback.</param>
    /// <param name="maxStackBytes">How much of the run thread's stack a script may use (leave a wide margin).</param>
    public RunGuard(Engine engine, Options options, long allocationBudget, long maxStackBytes)
    {
        _allocationBudget = allocationBudget;
        _maxStackBytes = maxStackBytes;
        _allocationStart = GC.GetAllocatedBytesForCurrentThread();
        byte probe = 0;
        _stackBase = (long)&probe;
        var periodic = DebugModeField is not null;
        engine.Step += (_, _) =>
        {
            if (periodic) DebugModeField!.SetValue(options, false);
            Check();
            return StepMode.Into;
        };
        if (periodic) _rearm = new Timer(_ => DebugModeField!.SetValue(options, true), null, RearmInterval, RearmInterval);
    }

    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _allocationStart;

    /// <summary>Throws <see cref="GuardTrippedException"/> when the run passed its allocation budget or stack allowance.</summary>
    public void Check()
    {
        if (AllocatedBytes > _allocationBudget)
            throw new GuardTrippedException("allocation_mb", _allocationBudget >> 20,
                $"The script allocated more than {_allocationBudget >> 20} MB in total. Do less work per run: aggregate in SQL instead of looping over rows.");
        if (GC.GetTotalMemory(false) > _liveHeapLimit && LiveHeapMayExceedLimit() && LiveHeapAfterCollection() > _liveHeapLimit)
            throw new GuardTrippedException("memory_mb", _liveHeapLimit >> 20,
                $"The script holds more than {_liveHeapLimit >> 20} MB of data. Work on fewer rows (aggregate in SQL) or avoid building large strings and arrays.");
        byte probe = 0;
        var used = _stackBase - (long)&probe;
        if (used > _maxStackBytes || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new GuardTrippedException("stack", _maxStackBytes >> 20,
                "The script recursed too deeply (stack limit). Use a loop instead of recursion, and avoid toString/valueOf that call themselves.");
    }

    /// <summary>
    /// The heap includes garbage, so only a full collection tells the live size. After one showed <c>live</c>
    /// bytes, the live heap cannot pass the limit before another <c>limit - live</c> bytes were allocated: until
    /// then, no collection is forced (forcing one on every check made large, legitimate runs crawl).
    /// </summary>
    private bool LiveHeapMayExceedLimit() => AllocatedBytes - _allocatedAtCollection >= _liveHeapLimit - _liveAtCollection;

    private long LiveHeapAfterCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        _allocatedAtCollection = AllocatedBytes;
        _liveAtCollection = GC.GetTotalMemory(false);
        return _liveAtCollection;
    }

    public void Dispose() => _rearm?.Dispose();
}
