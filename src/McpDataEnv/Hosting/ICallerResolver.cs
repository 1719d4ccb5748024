using System.Security.Claims;

namespace McpDataEnv.Hosting;

/// <summary>
/// Turns the connection's identity into a caller. Over stdio that is the role given to
/// <c>serve --role</c>; over HTTP it is the authenticated credential. Never a tool argument.
/// </summary>
public interface ICallerResolver
{
    CallerContext Resolve(ClaimsPrincipal? user);
}
