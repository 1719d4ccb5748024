using System.Reflection;
using System.Runtime.CompilerServices;
using Jint;
using Jint.Runtime.Debugger;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Stops runaway allocation and stack growth between statements, which Jint 2.10.4 cannot do itself.
/// </summary>
/// <remarks>
/// Jint's step handler needs DebugMode, and stepping every statement costs ~10x (it builds debug
/// information each time). So the handler answers <see cref="StepMode.None"/> and a timer re-arms it
/// every <see cref="RearmInterval"/>: a check every few milliseconds for ~15% overhead. Host functions
/// and patched built-ins call <see cref="Check"/> directly as well.
/// </remarks>
internal sealed unsafe class RunGuard : IDisposable
{
    private static readonly TimeSpan RearmInterval = TimeSpan.FromMilliseconds(5);
    private static readonly PropertyInfo? DebugHandlerProperty =
        typeof(Engine).GetProperty("DebugHandler", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? StepModeField =
        typeof(Engine).Assembly.GetType("Jint.Runtime.Debugger.DebugHandler")?.GetField("_stepMode", BindingFlags.NonPublic | BindingFlags.Instance);

    // Live heap above this share of the process's hard heap limit stops the run before an OutOfMemoryException.
    private const double LiveHeapShare = 0.7;
    private readonly long _liveHeapLimit = (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * LiveHeapShare);
    private readonly long _allocationStart;
    private readonly long _allocationBudget;
    private readonly long _stackBase;
    private readonly long _maxStackBytes;
    private readonly object? _debugHandler;
    private readonly Timer? _rearm;

    /// <param name="maxStackBytes">How much of the run thread's stack a script may use (leave a wide margin).</param>
    public RunGuard(Engine engine, long allocationBudget, long maxStackBytes)
    {
        _allocationBudget = allocationBudget;
        _maxStackBytes = maxStackBytes;
        _allocationStart = GC.GetAllocatedBytesForCurrentThread();
        byte probe = 0;
        _stackBase = (long)&probe;
        _debugHandler = DebugHandlerProperty?.GetValue(engine);
        var periodic = _debugHandler is not null && StepModeField is not null;
        engine.Step += (_, _) =>
        {
            Check();
            return periodic ? StepMode.None : StepMode.Into;
        };
        if (periodic) _rearm = new Timer(_ => StepModeField!.SetValue(_debugHandler, StepMode.Into), null, RearmInterval, RearmInterval);
    }

    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _allocationStart;

    /// <summary>Throws <see cref="GuardTrippedException"/> when the run passed its allocation budget or stack allowance.</summary>
    public void Check()
    {
        if (AllocatedBytes > _allocationBudget)
            throw new GuardTrippedException("allocation_mb", _allocationBudget >> 20,
                $"The script allocated more than {_allocationBudget >> 20} MB in total. Do less work per run: aggregate in SQL instead of looping over rows.");
        if (GC.GetTotalMemory(false) > _liveHeapLimit && LiveHeapAfterCollection() > _liveHeapLimit)
            throw new GuardTrippedException("memory_mb", _liveHeapLimit >> 20,
                $"The script holds more than {_liveHeapLimit >> 20} MB of data. Work on fewer rows (aggregate in SQL) or avoid building large strings and arrays.");
        byte probe = 0;
        var used = _stackBase - (long)&probe;
        if (used > _maxStackBytes || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new GuardTrippedException("stack", _maxStackBytes >> 20,
                "The script recursed too deeply (stack limit). Use a loop instead of recursion, and avoid toString/valueOf that call themselves.");
    }

    private static long LiveHeapAfterCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        return GC.GetTotalMemory(false);
    }

    public void Dispose() => _rearm?.Dispose();
}
