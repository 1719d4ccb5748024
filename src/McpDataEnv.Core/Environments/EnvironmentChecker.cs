using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Environments;

/// <summary>
/// Cross-validates a loaded environment against the live database: what <c>schema.yaml</c> and the policy
/// name must exist, and every live table and column must be described in <c>schema.yaml</c>.
/// </summary>
public static class EnvironmentChecker
{
    public static IReadOnlyList<ConfigError> CheckAgainstLive(EnvironmentDefinition env, LiveSchema live)
    {
        var errors = new List<ConfigError>();
        CheckDescribedExists(env.Schema, env.Files.Schema, live, errors);
        CheckLiveDescribed(env.Schema, env.Files.Schema, live, errors);
        foreach (var (role, key, table, column) in PolicyReferences.Of(env.Policy))
        {
            var liveTable = live.Find(table);
            var missing = liveTable is null ? $"table '{table}'"
                : column is not null && FindColumn(liveTable, column) is null ? $"column '{table}.{column}'"
                : null;
            if (missing is not null)
            {
                errors.Add(new ConfigError(env.Files.SafetyPolicy, $"roles.{role}.{key}", $"roles.{role}.{key}: {missing} does not exist in the database"));
            }
        }

        return errors;
    }

    private static void CheckDescribedExists(SchemaAnnotations schema, string schemaFile, LiveSchema live, List<ConfigError> errors)
    {
        foreach (var table in schema.Tables)
        {
            var liveTable = live.Find(table.Name);
            if (liveTable is null)
            {
                var key = $"tables.{table.Name}";
                errors.Add(new ConfigError(schemaFile, key, $"{key}: table '{table.Name}' does not exist in the database"));
                continue;
            }

            foreach (var column in table.Columns.Where(c => FindColumn(liveTable, c.Name) is null))
            {
                var key = $"tables.{table.Name}.columns.{column.Name}";
                errors.Add(new ConfigError(schemaFile, key, $"{key}: column '{table.Name}.{column.Name}' does not exist in the database"));
            }
        }
    }

    private static void CheckLiveDescribed(SchemaAnnotations schema, string schemaFile, LiveSchema live, List<ConfigError> errors)
    {
        foreach (var table in live.Tables)
        {
            var described = schema.Find(table.Name);
            var missing = described is null
                ? [table.Name]
                : table.Columns.Where(c => described.Find(c.Name) is null).Select(c => $"{table.Name}.{c.Name}").ToList();
            foreach (var name in missing)
            {
                errors.Add(new ConfigError(schemaFile, $"tables.{name.Replace(".", ".columns.")}",
                    $"{name} exists in the database but is not described in {Path.GetFileName(schemaFile)}"));
            }
        }
    }

    private static LiveColumn? FindColumn(LiveTable table, string name) =>
        table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
