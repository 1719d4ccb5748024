using System.Security.Claims;
using McpDataEnv.Core.Errors;
using McpDataEnv.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Tools;

/// <summary>
/// The frame around every tool call: resolves the caller from the connection, applies the
/// role's tool allow-list, and keeps the two error channels apart — what the model can fix
/// becomes an <c>isError</c> result with a stable code; anything else is logged and reported
/// generically, so no stack trace, path or secret reaches the client.
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
        ClaimsPrincipal? user,
        Func<CallerContext, Task<CallToolResult>> body,
        CancellationToken cancellationToken)
    {
        try
        {
            var caller = _callers.Resolve(user);
            if (!caller.MayUse(tool))
            {
                throw new DataEnvException(ErrorCodes.ToolDisabled, $"Role '{caller.Principal.Role}' may not use {tool}.");
            }

            return await body(caller).ConfigureAwait(false);
        }
        catch (DataEnvException error)
        {
            _logger.LogInformation("{Tool} refused: {Code}", tool, error.Code);
            return ToolOutcome.Refusal(error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception fault)
        {
            _logger.LogError(fault, "{Tool} failed with an internal error", tool);
            return ToolOutcome.Refusal(new DataEnvException(ErrorCodes.Internal, "The server hit an internal error running this tool; it was logged. Try again, or simplify the request."));
        }
    }
}
