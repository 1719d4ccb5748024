using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Sql;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace McpDataEnv.Hosting;

/// <summary>Start-up steps shared by the CLI verbs: load and validate, open the backend, seed the demo, resolve the role.</summary>
public static class EnvironmentBootstrap
{
    /// <summary>Loads the folder; on errors prints every one of them to <paramref name="error"/> and returns null.</summary>
    public static EnvironmentDefinition? LoadOrReport(string folder, TextWriter error)
    {
        var result = EnvironmentLoader.Load(folder);
        if (result.Errors.Count == 0 && result.Environment is not null)
        {
            return result.Environment;
        }

        error.WriteLine($"The environment at '{folder}' has {result.Errors.Count} error(s):");
        foreach (var problem in result.Errors)
        {
            error.WriteLine($"  {problem}");
        }

        return null;
    }

    public static EnvironmentRuntime CreateRuntime(EnvironmentDefinition environment, ILoggerFactory loggers)
    {
        var cache = new MemoryCache(new MemoryCacheOptions());
        var backend = BackendRegistry.Create(environment.Database, cache, loggers);
        var gate = new ReadOnlySqlGate();
        return new EnvironmentRuntime(environment, backend, gate) { Audit = AuditTrails.Open(environment) };
    }

    /// <summary>Where a SQLite environment's audit trail lives: <c>&lt;env&gt;/data/audit.jsonl</c> (PostgreSQL: see <see cref="AuditTrails"/>).</summary>
    public static string AuditPath(EnvironmentDefinition environment) => AuditTrails.JsonlPath(environment);

    /// <summary>Builds the embedded demo database when it is missing (never overwrites existing data).</summary>
    public static async Task EnsureSeededAsync(EnvironmentRuntime runtime, TextWriter status, CancellationToken cancellationToken)
    {
        if (runtime.Environment.Database.Provider != BackendRegistry.Sqlite || await runtime.Backend.IsSeededAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        status.WriteLine($"mcpdataenv: first start: building the demo database for '{runtime.Environment.Name}' (deterministic seed)...");
        await SeedAsync(runtime, scale: 1, cancellationToken).ConfigureAwait(false);
        status.WriteLine("mcpdataenv: demo database ready.");
    }

    public static Task SeedAsync(EnvironmentRuntime runtime, int scale, CancellationToken cancellationToken)
    {
        var dataset = RetailGenerator.Stream(scale);
        if (runtime.Backend is PostgresBackend postgres)
        {
            // The reader role gets SELECT only on what some role of the policy may read (a second layer under the access scope).
            var policy = runtime.Environment.Policy;
            var scopes = policy.Roles.Keys.Select(role => PolicyAccessScope.ForRole(policy, role, "seed")).ToList();
            return postgres.SeedAsync(dataset, (table, column) => scopes.Any(s => s.CheckRead(table, column) is null), cancellationToken);
        }

        return runtime.Backend.SeedAsync(dataset, cancellationToken);
    }

    /// <summary>Resolves the caller for a role name, or the policy's default (least privileged) role.</summary>
    public static CallerContext CreateCaller(EnvironmentDefinition environment, string? role, string principalName)
    {
        var roleName = string.IsNullOrWhiteSpace(role) ? environment.Policy.DefaultRole : role.Trim();
        var definition = environment.Policy.FindRole(roleName) ?? throw new DataEnvException(
            ErrorCodes.InvalidArgument,
            $"Unknown role '{roleName}'. Roles in safety_policy.md: {string.Join(", ", environment.Policy.Roles.Keys)}.");
        var access = PolicyAccessScope.ForRole(environment.Policy, roleName, principalName, environment.Schema);
        return new CallerContext(new Principal(principalName, roleName), definition, access);
    }
}
