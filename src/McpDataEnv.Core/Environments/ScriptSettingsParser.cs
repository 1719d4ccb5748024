using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>scripts</c> section; absent keys keep <see cref="ScriptSettings.Defaults"/>.</summary>
internal static class ScriptSettingsParser
{
    public static ScriptSettings Parse(YamlSection? section)
    {
        var d = ScriptSettings.Defaults;
        if (section is null)
        {
            return d;
        }

        section.AllowOnly(
            "timeout_ms", "memory_mb", "max_source_chars", "max_output_bytes", "max_log_lines",
            "max_sql_calls", "max_sql_rows_per_call", "workers", "max_concurrent");
        var scripts = new ScriptSettings(
            section.Int("timeout_ms", d.TimeoutMs),
            section.Int("memory_mb", d.MemoryMb, min: 16, rule: "an integer of at least 16"),
            section.Int("max_source_chars", d.MaxSourceChars),
            section.Int("max_output_bytes", d.MaxOutputBytes),
            section.Int("max_log_lines", d.MaxLogLines, min: 0, rule: "a non-negative integer"),
            section.Int("max_sql_calls", d.MaxSqlCalls, min: 0, rule: "a non-negative integer"),
            section.Int("max_sql_rows_per_call", d.MaxSqlRowsPerCall),
            section.Int("workers", d.Workers),
            section.Int("max_concurrent", d.MaxConcurrent));
        if (scripts.MaxConcurrent < scripts.Workers)
        {
            section.Sentence("max_concurrent", $"({scripts.MaxConcurrent}) must be at least scripts.workers ({scripts.Workers})");
        }

        return scripts;
    }
}
