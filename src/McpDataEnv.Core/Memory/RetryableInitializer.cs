namespace McpDataEnv.Core.Memory;

/// <summary>
/// Runs an initialisation once, until it succeeds: concurrent callers share one attempt, and a failed attempt is
/// forgotten so the next call tries again (unlike <see cref="Lazy{T}"/>, which would cache the fault for the process's life).
/// </summary>
/// <remarks>
/// The attempt itself runs without a caller's cancellation token, so one caller giving up never fails the attempt
/// the others wait on; each caller stops waiting when its own token is cancelled.
/// </remarks>
internal sealed class RetryableInitializer(Func<CancellationToken, Task> initialize)
{
    private readonly Lock gate = new();
    private Task? attempt;
    private bool done;

    /// <summary>Completes once the initialisation succeeded (now or earlier); throws this attempt's failure otherwise.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref done))
        {
            return Task.CompletedTask;
        }

        Task current;
        lock (gate)
        {
            // Task.Run: the attempt's failure handler takes this lock, so it can only forget the attempt after it was stored.
            current = attempt ??= Task.Run(RunAsync);
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        try
        {
            await initialize(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref done, true);
        }
        catch
        {
            lock (gate)
            {
                attempt = null;
            }

            throw;
        }
    }
}
