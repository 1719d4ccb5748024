using System.Diagnostics;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using McpDataEnv.Telemetry;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>
/// The frame around every tool call: resolves the caller from the connection, applies the
/// role's tool allow-list, and keeps the two error channels apart — what the model can fix
/// becomes an <c>isError</c> result with a stable code; anything else is logged and reported
/// generically, so no stack trace, path or secret reaches the client. Every call, whatever its
/// outcome, appends one entry to the environment's audit trail and ends one telemetry span
/// (see <see cref="ToolTelemetry"/>); a call the client cancelled is audited as <c>cancelled</c>. Given the
/// request, a long call whose client sent a progress token sends progress beats (see <see cref="ToolProgress"/>).
/// </summary>
public sealed class ToolRunner
{
    private readonly ICallerResolver _callers;
    private readonly ILogger<ToolRunner> _logger;

    public ToolRunner(EnvironmentRuntime runtime, ICallerResolver callers, ILogger<ToolRunner> logger)
    {
        Runtime = runtime;
        _callers = callers;
        _logger = logger;
    }

    public EnvironmentRuntime Runtime { get; }

    public async Task<CallToolResult> RunAsync(
        string tool,
        RequestContext<CallToolRequestParams>? request,
        Func<CallerContext, Task<CallToolResult>> body,
        CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var span = ToolTelemetry.Start(tool);
        CallerContext? caller = null;
        try
        {
            caller = _callers.Resolve(request?.User);
            if (!caller.MayUse(tool))
            {
                throw new DataEnvException(ErrorCodes.ToolDisabled, $"Role '{caller.Principal.Role}' may not use {tool}.");
            }

            CallToolResult result;
            await using (ToolProgress.Start(tool, request, _logger))
            {
                result = await body(caller).ConfigureAwait(false);
            }

            // A failed append propagates (the result is withheld, nothing leaves unaudited) and the catch below ends the span.
            var entry = ToolAudit.Of(tool, caller, started, clock.Elapsed.TotalMilliseconds, result, null);
            await AuditAsync(entry).ConfigureAwait(false);
            EndSpan(span, entry, clock);
            return result;
        }
        catch (DataEnvException error)
        {
            _logger.LogInformation("{Tool} refused: {Code}", tool, error.Code);
            await FinishAsync(ToolAudit.Of(tool, caller, started, clock.Elapsed.TotalMilliseconds, null, error), span, clock).ConfigureAwait(false);
            return ToolOutcome.Refusal(error);
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("{Tool} cancelled by the client", tool);
            await FinishAsync(ToolAudit.Of(tool, caller, started, clock.Elapsed.TotalMilliseconds, null, cancelled), span, clock).ConfigureAwait(false);
            throw;
        }
        catch (Exception fault)
        {
            _logger.LogError(fault, "{Tool} failed with an internal error", tool);
            await FinishAsync(ToolAudit.Of(tool, caller, started, clock.Elapsed.TotalMilliseconds, null, fault), span, clock).ConfigureAwait(false);
            return ToolOutcome.Refusal(new DataEnvException(ErrorCodes.Internal, "The server hit an internal error running this tool; it was logged. Try again, or simplify the request."));
        }
    }

    // Only logged when it fails: the call already ended in a refusal, a cancellation or a fault. The span ends after
    // the audit append, which is part of the call.
    private async Task FinishAsync(Core.Governance.Audit.AuditEvent entry, Activity? span, Stopwatch clock)
    {
        try
        {
            await TryAuditAsync(entry).ConfigureAwait(false);
        }
        finally
        {
            EndSpan(span, entry, clock);
        }
    }

    private static void EndSpan(Activity? span, Core.Governance.Audit.AuditEvent entry, Stopwatch clock) =>
        ToolTelemetry.Finish(span, entry.Tool, entry.Principal, entry.Role, entry.Verdict, entry.Code, entry.Rows, clock.Elapsed);

    // A failed append thrown from the success path withholds the result (nothing leaves unaudited): an internal
    // fault for the JSON Lines file, database_unavailable for the PostgreSQL table. From a refusal path it is only logged.
    private async Task AuditAsync(Core.Governance.Audit.AuditEvent entry)
    {
        if (Runtime.Audit is { } audit)
        {
            await audit.AppendAsync(entry).ConfigureAwait(false);
        }
    }

    private async Task TryAuditAsync(Core.Governance.Audit.AuditEvent entry)
    {
        try
        {
            await AuditAsync(entry).ConfigureAwait(false);
        }
        catch (Exception fault)
        {
            _logger.LogError(fault, "Appending to the audit trail failed");
        }
    }
}
