using System.Globalization;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Ends the worker once the server that started it is gone (killed with SIGKILL, crashed). An idle worker sees its
/// stdin close, but a busy one never reads it: the run thread owns the script and the main thread waits for that
/// thread. So the parent's process id is checked instead: when the parent dies, the orphan is re-parented and the
/// id changes. Linux only (<c>/proc</c>); elsewhere the server's own limits and pipe still end idle workers.
/// </summary>
internal static class ParentWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static Timer? _timer;

    public static void Start()
    {
        if (ParentId() is not { } parent)
        {
            return;
        }

        _timer = new Timer(_ =>
        {
            if (ParentId() != parent)
            {
                Environment.Exit(3);
            }
        }, null, Interval, Interval);
    }

    private static int? ParentId()
    {
        try
        {
            // Field 4 of /proc/self/stat, after the parenthesised command name (which may itself hold spaces).
            var stat = File.ReadAllText("/proc/self/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
