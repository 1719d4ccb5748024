using System.Security.Claims;
using McpDataEnv.Core.Environments;
using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// Maps <c>Authorization: Bearer &lt;key or JWT&gt;</c> to its principal and role. A bearer in JWT form goes to JWT
/// validation when <c>http.jwt</c> is configured (invalid: 401; valid but no mapped role: 403); anything else is an
/// API key. No credentials: the anonymous role if one is configured and the request comes over loopback, else 401.
/// A presented but unknown key is always 401. Neither key nor token is ever logged.
/// </summary>
public sealed class BearerKeyAuthentication
{
    private const string Challenge = "Bearer realm=\"mcpdataenv\"";
    private readonly RequestDelegate _next;
    private readonly ApiKeyDirectory _keys;
    private readonly string? _anonymousRole;
    private readonly JwtBearerValidator? _jwt;

    public BearerKeyAuthentication(RequestDelegate next, BearerKeySettings settings)
    {
        _next = next;
        _keys = settings.Keys;
        _anonymousRole = settings.AnonymousRole;
        _jwt = settings.Jwt;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (_anonymousRole is not null && LoopbackAddresses.IsLoopbackConnection(context.Connection.RemoteIpAddress))
            {
                context.User = Identity("anonymous", "anonymous", _anonymousRole, new Dictionary<string, string>());
                await _next(context);
                return;
            }

            await RefuseAsync(context, "missing credentials: send Authorization: Bearer <API key>");
            return;
        }

        const string scheme = "Bearer ";
        var token = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (token is not null && _jwt is not null && JwtBearerValidator.LooksLikeJwt(token))
        {
            await AuthenticateJwtAsync(context, _jwt, token);
            return;
        }

        var principal = token is null ? null : _keys.Find(token);
        if (principal is null)
        {
            await RefuseAsync(context, "invalid API key");
            return;
        }

        context.User = Identity(principal.Name, principal.Name, principal.Role, principal.Attributes);
        await _next(context);
    }

    private async Task AuthenticateJwtAsync(HttpContext context, JwtBearerValidator jwt, string token)
    {
        var validation = await jwt.ValidateAsync(token);
        switch (validation.Outcome)
        {
            case JwtValidation.Kind.Caller:
                // Session owners from tokens live in their own namespace: a token subject never equals an API key principal.
                context.User = Identity("jwt:" + validation.Principal, validation.Principal!, validation.Role!, validation.Attributes);
                await _next(context);
                break;
            case JwtValidation.Kind.NoRole:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.Headers.WWWAuthenticate = $"{Challenge}, error=\"insufficient_scope\", error_description=\"{validation.Reason}\"";
                await context.Response.WriteAsJsonAsync(new { error = "forbidden", message = validation.Reason });
                break;
            default:
                await RefuseAsync(context, validation.Reason!);
                break;
        }
    }

    private static ClaimsPrincipal Identity(string owner, string name, string role, IReadOnlyDictionary<string, string> attributes)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, owner),
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
