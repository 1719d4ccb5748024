using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class MemoryContentPolicyTests
{
    private static readonly MemoryContentPolicy Demo = new(MemoryTestContext.DemoRules);

    [Theory]
    [InlineData("Revenue grew 12% in Q3 2024 (store 17, region EMEA)")]
    [InlineData("Use orders.customer_id, never customers.email, for joins")]
    [InlineData("Fiscal year 2024-04-01 to 2025-03-31")]
    public void Check_lets_analytic_notes_through(string text)
    {
        var check = () => Demo.Check(text, "content");

        check.Should().NotThrow();
    }

    [Theory]
    [InlineData("contact: a.b+c@shop.example.co.uk", "no_email")]
    [InlineData("phone 020 7946 0958", "no_phone")]
    [InlineData("(555) 123-4567 called", "no_phone")]
    public void Check_refuses_pii_and_names_the_rule(string text, string rule)
    {
        var check = () => Demo.Check(text, "content");

        check.Should().Throw<DataEnvException>().Which.Details["rule"].Should().Be(rule);
    }

    [Fact]
    public void A_rule_that_times_out_refuses_instead_of_letting_the_text_through()
    {
        var policy = new MemoryContentPolicy(new MemoryContentRules(new Dictionary<string, string> { ["slow_rule"] = "^(a+)+$" }));

        var check = () => policy.Check(new string('a', 40) + "!", "content");

        var error = check.Should().Throw<DataEnvException>().Which;
        error.Code.Should().Be(ErrorCodes.AccessDenied);
        error.Details["rule"].Should().Be("slow_rule");
    }
}
