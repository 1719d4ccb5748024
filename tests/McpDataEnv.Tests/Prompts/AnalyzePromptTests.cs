using McpDataEnv.Prompts;

namespace McpDataEnv.Tests.Prompts;

/// <summary>The text of the <c>analyze</c> prompt, as the model receives it.</summary>
public sealed class AnalyzePromptTests
{
    [Fact]
    public void The_prompt_says_which_cap_truncated_by_names_and_what_to_do_about_each()
    {
        var text = AnalyzePrompt.Analyze("What was revenue in 2025?");

        text.Should().Contain("truncated_by")
            .And.Contain("rows (raise max_rows or aggregate)")
            .And.Contain("raising max_rows will not help; select fewer or narrower columns");
    }
}
