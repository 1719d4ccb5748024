using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>memory</c> section; absent keys keep <see cref="MemorySettings.Defaults"/>.</summary>
internal static class MemorySettingsParser
{
    public static MemorySettings Parse(YamlSection? section)
    {
        var d = MemorySettings.Defaults;
        if (section is null)
        {
            return d;
        }

        section.AllowOnly(
            "core_block_limit", "max_core_blocks", "max_passage_chars",
            "writes_per_minute", "search_default_limit", "search_max_limit");
        var memory = new MemorySettings(
            section.Int("core_block_limit", d.CoreBlockLimit),
            section.Int("max_core_blocks", d.MaxCoreBlocks),
            section.Int("max_passage_chars", d.MaxPassageChars),
            section.Int("writes_per_minute", d.WritesPerMinute),
            section.Int("search_default_limit", d.SearchDefaultLimit),
            section.Int("search_max_limit", d.SearchMaxLimit));
        if (memory.SearchDefaultLimit > memory.SearchMaxLimit)
        {
            section.Sentence(
                "search_default_limit",
                $"({memory.SearchDefaultLimit}) must not exceed memory.search_max_limit ({memory.SearchMaxLimit})");
        }

        return memory;
    }
}
