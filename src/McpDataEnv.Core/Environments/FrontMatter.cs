namespace McpDataEnv.Core.Environments;

/// <summary>A markdown file split into its YAML front matter (between <c>---</c> lines) and its prose body.</summary>
/// <param name="Yaml">The front matter text, or null when the file has none.</param>
/// <param name="LineOffset">Lines before the front matter in the file, so YAML errors point at file lines.</param>
internal sealed record FrontMatter(string? Yaml, string Body, int LineOffset)
{
    public static FrontMatter Split(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return new FrontMatter(null, text.Trim(), 0);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                var yaml = string.Join('\n', lines[1..i]);
                var body = string.Join('\n', lines[(i + 1)..]).Trim();
                return new FrontMatter(yaml, body, 1);
            }
        }

        return new FrontMatter(null, text.Trim(), 0);
    }
}
