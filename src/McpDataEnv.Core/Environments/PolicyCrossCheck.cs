using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Checks the policy against <c>schema.yaml</c> without a database: every table and column a role names
/// must be described, and role row caps must fit the environment's limits. Catches typos that would
/// otherwise silently deny or allow nothing.
/// </summary>
internal static class PolicyCrossCheck
{
    public static void Check(SafetyPolicy policy, SchemaAnnotations schema, LimitSettings limits, string file, ConfigErrorSink errors)
    {
        foreach (var (role, key, table, column) in PolicyReferences.Of(policy))
        {
            var described = schema.Find(table);
            if (described is null)
            {
                errors.At(file, $"roles.{role}.{key}", $"table '{table}' is not described in schema.yaml");
            }
            else if (column is not null && described.Find(column) is null)
            {
                errors.At(file, $"roles.{role}.{key}", $"column '{table}.{column}' is not described in schema.yaml");
            }
        }

        foreach (var role in policy.Roles.Values.Where(r => r.MaxRows > limits.MaxRows))
        {
            errors.At(file, $"roles.{role.Name}.max_rows", $"{role.MaxRows} exceeds limits.max_rows ({limits.MaxRows}) in environment.yaml");
        }
    }
}
