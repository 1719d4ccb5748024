using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>limits</c> section; absent keys keep <see cref="LimitSettings.Defaults"/>.</summary>
internal static class LimitSettingsParser
{
    public static LimitSettings Parse(YamlSection? section)
    {
        var d = LimitSettings.Defaults;
        if (section is null)
        {
            return d;
        }

        section.AllowOnly("default_rows", "max_rows", "statement_timeout_ms", "max_result_bytes", "max_sql_length");
        var limits = new LimitSettings(
            section.Int("default_rows", d.DefaultRows),
            section.Int("max_rows", d.MaxRows),
            section.Int("statement_timeout_ms", d.StatementTimeoutMs),
            section.Long("max_result_bytes", d.MaxResultBytes),
            section.Int("max_sql_length", d.MaxSqlLength));
        if (limits.DefaultRows > limits.MaxRows)
        {
            section.Sentence("default_rows", $"({limits.DefaultRows}) must not exceed limits.max_rows ({limits.MaxRows})");
        }

        return limits;
    }
}
