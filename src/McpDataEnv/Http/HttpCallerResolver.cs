using System.Collections.Concurrent;
using System.Security.Claims;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Hosting;

namespace McpDataEnv.Http;

/// <summary>
/// The caller of an HTTP request, from the claims the authentication middleware set: principal name, role
/// and attributes (bound into the role's row filters). A request without those claims never reaches a tool
/// over HTTP; <c>null</c> (used for the server's instructions) means the policy's default role.
/// </summary>
public sealed class HttpCallerResolver : ICallerResolver
{
    private readonly EnvironmentRuntime _runtime;
    private readonly ConcurrentDictionary<string, CallerContext> _cache = new(StringComparer.Ordinal);

    public HttpCallerResolver(EnvironmentRuntime runtime) => _runtime = runtime;

    public CallerContext Resolve(ClaimsPrincipal? user)
    {
        var name = user?.FindFirst(HttpClaims.Principal)?.Value;
        var role = user?.FindFirst(HttpClaims.Role)?.Value;
        if (name is null || role is null)
        {
            return _cache.GetOrAdd("\0default", _ => EnvironmentBootstrap.CreateCaller(_runtime.Environment, null, "anonymous"));
        }

        var attributes = user!.Claims
            .Where(c => c.Type.StartsWith(HttpClaims.AttributePrefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Type[HttpClaims.AttributePrefix.Length..], c => c.Value, StringComparer.OrdinalIgnoreCase);
        var cacheKey = $"{name}\0{role}\0{string.Join('\0', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value))}";
        return _cache.GetOrAdd(cacheKey, _ => Create(name, role, attributes));
    }

    private CallerContext Create(string name, string roleName, IReadOnlyDictionary<string, string> attributes)
    {
        var policy = _runtime.Environment.Policy;
        var role = policy.FindRole(roleName) ?? throw new DataEnvException(ErrorCodes.AccessDenied, $"Role '{roleName}' is not in the safety policy.");
        if (attributes.Count > 0)
        {
            var merged = new Dictionary<string, string>(role.Attributes, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in attributes)
            {
                merged[key] = value;
            }

            role = role with { Attributes = merged };
        }

        // Same construction as the stdio caller (EnvironmentBootstrap.CreateCaller), so both transports enforce alike.
        var access = new PolicyAccessScope(role, name, _runtime.Environment.Schema);
        return new CallerContext(new Principal(name, roleName), role, access);
    }
}
