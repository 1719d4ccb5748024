using System.Collections.Concurrent;
using System.Diagnostics;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// Counts the round trips to PostgreSQL made on behalf of the code that runs between <see cref="Start"/> and
/// <see cref="Dispose"/>, through Npgsql's own tracing: Npgsql starts one activity per command or batch it
/// executes, and sends a batch's messages together and reads their replies once, so one activity is one round trip.
/// </summary>
/// <remarks>
/// The count is scoped by trace: only activities started under this counter's root activity (which flows with the
/// async context) are sampled, so tests running in parallel in the same process are not counted. Opening a physical
/// connection (Npgsql's <c>CONNECT</c> activity) is not a query round trip and is left out.
/// </remarks>
internal sealed class NpgsqlRoundTrips : IDisposable
{
    private readonly ConcurrentQueue<string> statements = new();
    private readonly ActivityListener listener;
    private readonly Activity root;

    private NpgsqlRoundTrips()
    {
        root = new Activity(nameof(NpgsqlRoundTrips));
        root.SetIdFormat(ActivityIdFormat.W3C);
        root.Start();
        var trace = root.TraceId;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (!activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    statements.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Starts counting for the current async flow.</summary>
    public static NpgsqlRoundTrips Start() => new();

    public int Count => statements.Count;

    /// <summary>What each round trip sent, in order (for failure messages).</summary>
    public string Describe() => string.Join("\n---\n", statements);

    public void Dispose()
    {
        listener.Dispose();
        root.Stop();
    }
}
