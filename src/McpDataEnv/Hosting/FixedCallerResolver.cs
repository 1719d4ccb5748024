using System.Security.Claims;

namespace McpDataEnv.Hosting;

/// <summary>One caller for the whole process: the stdio case, where the role comes from the command line.</summary>
public sealed class FixedCallerResolver : ICallerResolver
{
    private readonly CallerContext _caller;

    public FixedCallerResolver(CallerContext caller) => _caller = caller;

    public CallerContext Resolve(ClaimsPrincipal? user) => _caller;
}
