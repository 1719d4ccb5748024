using McpDataEnv.Core.Environments.Yaml;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>governance</c> section; absent keys keep <see cref="GovernanceSettings.Defaults"/>.</summary>
internal static class GovernanceSettingsParser
{
    public static GovernanceSettings Parse(YamlSection? section)
    {
        var d = GovernanceSettings.Defaults;
        if (section is null)
        {
            return d;
        }

        section.AllowOnly("require_plan", "plan_ttl_seconds");
        return new GovernanceSettings(
            section.Bool("require_plan", d.RequirePlan),
            section.Int("plan_ttl_seconds", d.PlanTtlSeconds));
    }
}
