using System.Globalization;
using System.Text;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Cli;

/// <summary>Readable rendering of a core block's revisions for the terminal.</summary>
public static class MemoryHistoryText
{
    public static string Render(IReadOnlyList<CoreRevision> revisions)
    {
        var text = new StringBuilder();
        foreach (var r in revisions)
        {
            text.Append(CultureInfo.InvariantCulture, $"v{r.Version}  {r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.Action}  by {r.Principal} via {r.Tool}");
            if (r.RequestId is not null)
            {
                text.Append(" (request ").Append(r.RequestId).Append(')');
            }

            if (r.PassageId is not null)
            {
                text.Append(" -> passage ").Append(r.PassageId);
            }

            text.Append('\n');
            if (r.OldValue.Length > 0)
            {
                text.Append("  - ").Append(Indent(r.OldValue)).Append('\n');
            }

            text.Append("  + ").Append(r.NewValue.Length > 0 ? Indent(r.NewValue) : "(empty)").Append('\n');
        }

        return text.ToString();
    }

    private static string Indent(string value) => value.ReplaceLineEndings("\n    ");
}
