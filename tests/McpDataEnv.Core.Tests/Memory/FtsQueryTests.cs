using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class FtsQueryTests
{
    [Theory]
    [InlineData("revenue \"2024", "\"revenue\" OR \"2024\"")]
    [InlineData("AND OR NEAR(", "\"near\"")]
    [InlineData("What was the revenue in Q3?", "\"revenue\" OR \"q3\"")]
    [InlineData("the of and", "\"the\" OR \"of\" OR \"and\"")]
    [InlineData("Café café CAFÉ", "\"café\"")]
    [InlineData("net_revenue:col^2", "\"net\" OR \"revenue\" OR \"col\" OR \"2\"")]
    public void Parse_quotes_every_term_and_drops_stop_words_unless_nothing_else_is_left(string text, string expression)
    {
        FtsQuery.Parse(text)!.Expression.Should().Be(expression);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    [InlineData("\"\"()*^:-+")]
    public void Parse_returns_null_when_there_is_nothing_to_search(string? text)
    {
        FtsQuery.Parse(text).Should().BeNull();
    }

    [Fact]
    public void Parse_bounds_the_number_and_length_of_terms()
    {
        var query = FtsQuery.Parse(string.Join(' ', Enumerable.Range(0, 100).Select(i => $"term{i}")) + " " + new string('x', 500))!;

        query.Terms.Should().HaveCount(FtsQuery.MaxTerms);
        FtsQuery.Parse(new string('y', 500))!.Terms.Single().Length.Should().Be(FtsQuery.MaxTermLength);
    }
}
