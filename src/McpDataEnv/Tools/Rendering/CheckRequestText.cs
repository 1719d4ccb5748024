using System.Text;
using McpDataEnv.Core.Governance.Requests;

namespace McpDataEnv.Tools;

/// <summary>The compact text rendering of a check_request result.</summary>
internal static class CheckRequestText
{
    public static string Render(RequestCheckResult result)
    {
        var text = new StringBuilder(result.Allowed ? "allowed" : "refused");
        if (result.PlanId is { } plan)
        {
            text.Append($"; plan_id: {plan} (expires {result.PlanExpiresAt:yyyy-MM-ddTHH:mm:ssZ})");
        }

        text.AppendLine();
        foreach (var v in result.Violations)
        {
            text.AppendLine($"violation {v.Rule}: {v.Message}");
        }

        foreach (var r in result.ApplicableRules)
        {
            text.AppendLine($"rule {r.Rule}: {r.Message}");
        }

        foreach (var m in result.MetricDefinitions)
        {
            text.AppendLine($"metric {m.Name} ({m.Unit}): {m.Description}\n{m.Sql}");
        }

        return text.ToString().TrimEnd();
    }
}
