using System.Security.Cryptography;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Plans;
using McpDataEnv.Core.Tests.Backends.Sqlite;
using Sqlite = McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Governance.Plans;

public sealed class PlanGateTests : IClassFixture<SeededDatabase>
{
    private static readonly PlanTokens Tokens = new(RandomNumberGenerator.GetBytes(32));
    private readonly SeededDatabase _db;
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    public PlanGateTests(SeededDatabase db) => _db = db;

    private PlanGate Gate(bool required = true) => new(new GovernanceSettings(required, 60), Tokens, _clock);

    private static PolicyAccessScope Analyst => SqliteRowFilterTests.Scope("analyst");

    [Fact]
    public void Without_require_plan_the_callers_scope_is_used_unchanged() =>
        Gate(required: false).ScopeFor(null, Analyst).Should().BeOfType<PolicyAccessScope>();

    [Theory]
    [InlineData(null, "governance.require_plan.missing")]
    [InlineData("", "governance.require_plan.missing")]
    [InlineData("not-a-plan", "governance.require_plan.invalid")]
    [InlineData("eyJQIjoidGVzdGVyIn0.AAAA", "governance.require_plan.invalid")]
    public void Execution_without_a_valid_plan_is_refused(string? planId, string rule)
    {
        var act = () => Gate().ScopeFor(planId, Analyst);

        var error = act.Should().Throw<DataEnvException>().Which;
        error.Code.Should().Be(ErrorCodes.PlanRequired);
        error.Details["rule"].Should().Be(rule);
    }

    [Fact]
    public void A_tampered_plan_is_refused()
    {
        var plan = Gate().Issue(Analyst, ["orders"], []);
        var forged = Gate().Issue(Analyst, ["orders", "payroll"], []);
        var spliced = forged.Split('.')[0] + "." + plan.Split('.')[1];

        var act = () => Gate().ScopeFor(spliced, Analyst);

        act.Should().Throw<DataEnvException>().Which.Details["rule"].Should().Be("governance.require_plan.invalid");
    }

    [Fact]
    public void An_expired_plan_is_refused()
    {
        var plan = Gate().Issue(Analyst, ["orders"], []);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var act = () => Gate().ScopeFor(plan, Analyst);

        act.Should().Throw<DataEnvException>().Which.Details["rule"].Should().Be("governance.require_plan.expired");
    }

    [Fact]
    public void A_plan_issued_to_another_role_is_refused()
    {
        var plan = Gate().Issue(SqliteRowFilterTests.Scope("finance"), ["orders"], []);

        var act = () => Gate().ScopeFor(plan, Analyst);

        act.Should().Throw<DataEnvException>().Which.Details["rule"].Should().Be("governance.require_plan.other_caller");
    }

    [Theory]
    [InlineData("SELECT count(*) FROM orders", true)]
    [InlineData("SELECT status, count(*) FROM orders GROUP BY status", true)]
    [InlineData("SELECT code FROM regions", true)]
    [InlineData("SELECT count(*) FROM order_items", false)]
    [InlineData("SELECT o.order_id FROM orders o JOIN order_items i ON i.order_id = o.order_id", false)]
    [InlineData("SELECT (SELECT max(quantity) FROM order_items)", false)]
    [InlineData("SELECT region_id FROM customers", false)]
    [InlineData("SELECT code FROM regions WHERE region_id = 1", false)]
    public async Task The_engine_refuses_reads_outside_the_plan(string sql, bool allowed)
    {
        var gate = Gate();
        var scope = gate.ScopeFor(gate.Issue(Analyst, ["orders"], ["regions.code"]), Analyst);

        var act = () => _db.Backend.ExecuteAsync(Sqlite.Requests.Query(sql, access: scope), CancellationToken.None);

        if (allowed)
        {
            await act.Should().NotThrowAsync();
        }
        else
        {
            (await act.Should().ThrowAsync<DataEnvException>()).Which.Details["rule"].Should().Be("governance.require_plan.outside_plan");
        }
    }

    [Fact]
    public async Task A_plan_never_widens_the_policy()
    {
        var gate = Gate();
        var scope = gate.ScopeFor(gate.Issue(Analyst, ["customers", "payroll"], ["customers.email"]), Analyst);

        var act = () => _db.Backend.ExecuteAsync(Sqlite.Requests.Query("SELECT email FROM customers", access: scope), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Details["rule"].Should().Be("analyst.deny_columns");
    }
}
