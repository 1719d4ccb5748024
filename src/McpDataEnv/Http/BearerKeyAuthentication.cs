using System.Security.Claims;
using McpDataEnv.Core.Environments;
using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// Maps <c>Authorization: Bearer &lt;key&gt;</c> to its principal and role. No credentials: the anonymous role
/// if one is configured and the request comes over loopback, else 401. A presented but unknown key is always
/// 401. The key is never logged.
/// </summary>
public sealed class BearerKeyAuthentication
{
    private const string Challenge = "Bearer realm=\"mcpdataenv\"";
    private readonly RequestDelegate _next;
    private readonly ApiKeyDirectory _keys;
    private readonly string? _anonymousRole;

    public BearerKeyAuthentication(RequestDelegate next, BearerKeySettings settings)
    {
        _next = next;
        _keys = settings.Keys;
        _anonymousRole = settings.AnonymousRole;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (_anonymousRole is not null && LoopbackAddresses.IsLoopbackConnection(context.Connection.RemoteIpAddress))
            {
                context.User = Identity("anonymous", _anonymousRole, new Dictionary<string, string>());
                return _next(context);
            }

            return RefuseAsync(context, "missing credentials: send Authorization: Bearer <API key>");
        }

        const string scheme = "Bearer ";
        var principal = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? _keys.Find(header[scheme.Length..].Trim())
            : null;
        if (principal is null)
        {
            return RefuseAsync(context, "invalid API key");
        }

        context.User = Identity(principal.Name, principal.Role, principal.Attributes);
        return _next(context);
    }

    private static ClaimsPrincipal Identity(string name, string role, IReadOnlyDictionary<string, string> attributes)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, name),
            new(ClaimTypes.Name, name),
            new(HttpClaims.Principal, name),
            new(HttpClaims.Role, role),
        };
        claims.AddRange(attributes.Select(a => new Claim(HttpClaims.AttributePrefix + a.Key, a.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, HttpClaims.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"{Challenge}, error=\"invalid_token\", error_description=\"{reason}\"";
        return context.Response.WriteAsJsonAsync(new { error = "unauthorized", message = reason });
    }
}
