using System.Security.Cryptography;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Plans;
using McpDataEnv.Core.Governance.Requests;
using McpDataEnv.Core.Tests.Backends.Sqlite;
using McpDataEnv.Core.Tests.Environments;

namespace McpDataEnv.Core.Tests.Governance.Requests;

public sealed class RequestCheckerTests : IClassFixture<SeededDatabase>
{
    private readonly SeededDatabase _db;
    private readonly EnvironmentDefinition _env = DemoEnvironmentTests.Retail();

    public RequestCheckerTests(SeededDatabase db) => _db = db;

    private async Task<RequestCheckResult> Check(string role, string[]? tables = null, string[]? columns = null, string[]? metrics = null, string question = "q")
    {
        var gate = new PlanGate(new GovernanceSettings(true, 900), new PlanTokens(RandomNumberGenerator.GetBytes(32)));
        var scope = PolicyAccessScope.ForRole(_env.Policy, role, "tester", _env.Schema);
        var schema = await _db.Backend.ReadSchemaAsync(false, CancellationToken.None);
        return new RequestChecker(_env, gate).Check(new RequestCheckInput(question, tables ?? [], columns ?? [], metrics ?? []), scope, _env.Policy.Roles[role], schema);
    }

    [Theory]
    [InlineData("analyst", "customers.email", "analyst.deny_columns")]
    [InlineData("analyst", "customers.phone", "analyst.deny_columns")]
    [InlineData("analyst", "products.unit_cost", "analyst.deny_columns")]
    [InlineData("analyst", "payroll.salary", "analyst.deny_tables")]
    [InlineData("finance", "customers.email", "finance.deny_columns")]
    [InlineData("emea_manager", "customers.full_name", "emea_manager.deny_columns")]
    [InlineData("hr", "orders.status", "hr.tables")]
    [InlineData("analyst", "customers.shoe_size", "request.unknown_column")]
    [InlineData("analyst", "email", "request.column_format")]
    public async Task A_request_for_data_the_role_may_not_see_is_refused_naming_the_rule(string role, string column, string rule)
    {
        var result = await Check(role, columns: [column]);

        result.Allowed.Should().BeFalse();
        result.Violations.Select(v => v.Rule).Should().Equal(rule);
        result.PlanId.Should().BeNull();
    }

    [Theory]
    [InlineData("analyst", "payroll", "analyst.deny_tables")]
    [InlineData("hr", "customers", "hr.tables")]
    [InlineData("analyst", "secrets", "request.unknown_table")]
    public async Task A_table_the_role_may_not_read_is_refused(string role, string table, string rule) =>
        (await Check(role, tables: [table])).Violations.Select(v => v.Rule).Should().Equal(rule);

    [Fact]
    public async Task An_allowed_request_gets_a_plan_the_rules_and_the_metric_definitions()
    {
        var result = await Check("emea_manager", tables: ["orders"], columns: ["customers.region_id"], metrics: ["revenue"], question: "What is the average basket size?");

        result.Allowed.Should().BeTrue();
        result.PlanId.Should().NotBeNullOrEmpty();
        result.MetricDefinitions.Select(m => m.Name).Should().BeEquivalentTo(["revenue", "average_basket_size"]);
        result.MetricDefinitions[0].Sql.Should().Contain("SUM(oi.quantity * oi.unit_price * (1 - oi.discount))");
        result.ApplicableRules.Select(r => r.Rule).Should().Contain(["emea_manager.row_filters", "emea_manager.deny_columns", "governance.require_plan", "data_is_content"]);
    }

    [Fact]
    public async Task An_unknown_metric_is_a_violation_that_lists_the_known_ones()
    {
        var result = await Check("analyst", metrics: ["profit"]);

        result.Violations.Should().ContainSingle().Which.Message.Should().Contain("revenue");
    }
}
