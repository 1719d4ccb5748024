using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Http;

/// <summary>
/// The live stateful sessions of this process. Sessions idle longer than the configured time are closed, and so is a
/// principal's least recently used idle session when it opens one more than it may hold; all are closed at shutdown,
/// after in-flight requests finished.
/// </summary>
public sealed class McpHttpSessionStore : BackgroundService
{
    private readonly ConcurrentDictionary<string, McpHttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idle;
    private readonly int _maxPerPrincipal;
    private readonly ILogger<McpHttpSessionStore> _logger;

    public McpHttpSessionStore(McpHttpOptions options, ILogger<McpHttpSessionStore> logger)
    {
        _idle = options.SessionIdle;
        _maxPerPrincipal = options.MaxSessionsPerPrincipal;
        _logger = logger;
    }

    public int Count => _sessions.Count;

    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Adds <paramref name="session"/>, then closes its principal's least recently used idle sessions beyond the cap.
    /// Busy ones are left to finish (the cap may be passed while they run): a request in flight is never cut off.
    /// </summary>
    public async Task AddAsync(McpHttpSession session)
    {
        _sessions[session.Id] = session;
        var others = _sessions.Values
            .Where(s => s != session && string.Equals(s.Owner, session.Owner, StringComparison.Ordinal))
            .ToList();
        var excess = others.Count + 1 - _maxPerPrincipal;
        foreach (var oldest in others.Where(s => !s.IsBusy).OrderBy(s => s.LastUse).Take(Math.Max(0, excess)))
        {
            _logger.LogInformation("Closing MCP session {SessionId}: its principal opened more than {Max} sessions", oldest.Id, _maxPerPrincipal);
            await RemoveAsync(oldest.Id).ConfigureAwait(false);
        }
    }

    public McpHttpSession? Find(string id) => _sessions.TryGetValue(id, out var session) ? session : null;

    public async Task RemoveAsync(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in _sessions.Keys.ToList())
        {
            await RemoveAsync(id).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Clamp(_idle.TotalSeconds / 4, 1, 60));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var cutoff = Environment.TickCount64 - (long)_idle.TotalMilliseconds;
                foreach (var session in _sessions.Values.Where(s => !s.IsBusy && s.LastUsedTicks < cutoff).ToList())
                {
                    _logger.LogInformation("Closing idle MCP session {SessionId}", session.Id);
                    await RemoveAsync(session.Id).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }
}
