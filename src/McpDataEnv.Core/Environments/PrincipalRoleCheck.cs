using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Environments;

/// <summary>Every role that <c>environment.yaml</c> names for HTTP callers must exist in the safety policy.</summary>
internal static class PrincipalRoleCheck
{
    public static void Check(EnvironmentFile file, SafetyPolicy policy, ConfigErrorSink errors)
    {
        var known = policy.Roles.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var principal in file.Principals.Where(p => policy.FindRole(p.Role) is null))
        {
            errors.At(EnvironmentFileParser.FileName, $"principals.{principal.Name}.role", Unknown(principal.Role, known, file.PolicyFile));
        }

        if (file.Http.AnonymousRole is { } anonymous && policy.FindRole(anonymous) is null)
        {
            errors.At(EnvironmentFileParser.FileName, "http.anonymous_role", Unknown(anonymous, known, file.PolicyFile));
        }

        foreach (var (value, role) in file.Http.Jwt?.Roles.Where(r => policy.FindRole(r.Value) is null) ?? [])
        {
            errors.At(EnvironmentFileParser.FileName, $"http.jwt.roles.{value}", Unknown(role, known, file.PolicyFile));
        }
    }

    private static string Unknown(string role, IReadOnlyList<string> known, string policyFile) =>
        $"unknown role '{role}'{DidYouMean.Suffix(role, known)}; roles in {policyFile}: {string.Join(", ", known)}";
}
