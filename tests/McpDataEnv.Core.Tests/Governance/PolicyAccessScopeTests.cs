using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Environments;

namespace McpDataEnv.Core.Tests.Governance;

public sealed class PolicyAccessScopeTests
{
    private static PolicyAccessScope Scope(string role)
    {
        var env = DemoEnvironmentTests.Retail();
        return PolicyAccessScope.ForRole(env.Policy, role, "tester", env.Schema);
    }

    [Theory]
    [InlineData("analyst", "customers", "email", "analyst.deny_columns")]
    [InlineData("analyst", "customers", "phone", "analyst.deny_columns")]
    [InlineData("analyst", "customers", "full_name", "analyst.deny_columns")]
    [InlineData("analyst", "products", "unit_cost", "analyst.deny_columns")]
    [InlineData("analyst", "payroll", "salary", "analyst.deny_tables")]
    [InlineData("analyst", "payroll", "", "analyst.deny_tables")]
    [InlineData("analyst", "customers", "customer_id", null)]
    [InlineData("analyst", "orders", "status", null)]
    [InlineData("finance", "customers", "email", "finance.deny_columns")]
    [InlineData("finance", "customers", "phone", "finance.deny_columns")]
    [InlineData("finance", "customers", "full_name", "finance.deny_columns")]
    [InlineData("finance", "products", "unit_cost", null)]
    [InlineData("finance", "payroll", "salary", "finance.deny_tables")]
    [InlineData("emea_manager", "customers", "email", "emea_manager.deny_columns")]
    [InlineData("emea_manager", "customers", "phone", "emea_manager.deny_columns")]
    [InlineData("emea_manager", "products", "unit_cost", "emea_manager.deny_columns")]
    [InlineData("emea_manager", "payroll", "salary", "emea_manager.deny_tables")]
    [InlineData("emea_manager", "orders", "region_id", null)]
    [InlineData("hr", "payroll", "salary", null)]
    [InlineData("hr", "payroll", "full_name", null)]
    [InlineData("hr", "customers", "email", "hr.tables")]
    [InlineData("hr", "products", "unit_cost", "hr.tables")]
    [InlineData("hr", "orders", "", "hr.tables")]
    [InlineData("ANALYST", "Customers", "EMAIL", "analyst.deny_columns")]
    public void Scope_decides_every_sensitive_read_for_every_demo_role(string role, string table, string column, string? rule)
    {
        var denial = Scope(role).CheckRead(table, column);

        if (rule is null)
        {
            denial.Should().BeNull();
        }
        else
        {
            denial.Should().NotBeNull();
            denial!.Rule.Should().Be(rule);
            denial.Table.Should().Be(table);
            denial.Column.Should().Be(column);
        }
    }

    [Theory]
    [InlineData("analyst", "customers", "email", "customers.email is PII and not readable by role 'analyst'. Leave it out, or aggregate without it.")]
    [InlineData("analyst", "products", "unit_cost", "products.unit_cost is confidential and not readable by role 'analyst'. Leave it out, or aggregate without it.")]
    [InlineData("analyst", "payroll", "salary", "Table payroll is not readable by role 'analyst'. Leave it out of the query.")]
    [InlineData("hr", "orders", "status", "Table orders is outside what role 'hr' may read (payroll). Query only those tables.")]
    public void Denials_tell_the_model_what_to_do_instead(string role, string table, string column, string message) =>
        Scope(role).CheckRead(table, column)!.Message.Should().Be(message);

    [Theory]
    [InlineData("analyst")]
    [InlineData("finance")]
    [InlineData("emea_manager")]
    [InlineData("hr")]
    public void A_restricted_role_may_not_read_the_catalog_that_names_what_it_may_not_read(string role)
    {
        var denial = Scope(role).CheckCatalogRead("sqlite_schema");

        denial.Should().NotBeNull();
        denial!.Rule.Should().Be($"{role}.catalog");
        denial.Table.Should().Be("sqlite_schema");
        denial.Message.Should().Contain("describe_schema");
    }

    [Fact]
    public void A_role_the_policy_does_not_restrict_may_read_the_catalog()
    {
        var open = new RoleDefinition("auditor", null, null, [], [], new Dictionary<string, string>(), new Dictionary<string, string>(), null, null);

        new PolicyAccessScope(open, "p").CheckCatalogRead("information_schema.columns").Should().BeNull();
    }

    [Fact]
    public void Row_filters_bind_attributes_as_quoted_literals()
    {
        var scope = Scope("emea_manager");

        scope.RowFilters["ORDERS"].Should().Be("region_id IN (SELECT region_id FROM regions WHERE code = 'EMEA')");
        scope.RowFilters.Should().ContainKeys("customers", "order_items");
        Scope("analyst").RowFilters.Should().BeEmpty();
    }

    [Fact]
    public void Row_filter_binding_escapes_quotes_and_leaves_casts_and_literals_alone()
    {
        var role = new RoleDefinition(
            "r", null, null, [], [],
            new Dictionary<string, string> { ["t"] = "a = :who AND b::text = ':who' AND c = :who" },
            new Dictionary<string, string> { ["who"] = "O'Brien'; DROP TABLE t; --" },
            null, null);

        new PolicyAccessScope(role, "p").RowFilters["t"].Should()
            .Be("a = 'O''Brien''; DROP TABLE t; --' AND b::text = ':who' AND c = 'O''Brien''; DROP TABLE t; --'");
    }

    [Fact]
    public void ForRole_refuses_an_unknown_role_naming_the_known_ones()
    {
        var act = () => Scope("ceo");

        act.Should().Throw<DataEnvException>()
            .Where(e => e.Code == ErrorCodes.InvalidArgument)
            .WithMessage("Unknown role 'ceo'. Known roles: analyst, emea_manager, finance, hr.");
    }

    [Fact]
    public void Scope_exposes_principal_role_row_cap_and_tools()
    {
        var hr = Scope("hr");

        hr.Principal.Should().Be("tester");
        hr.Role.Should().Be("hr");
        hr.MaxRows.Should().Be(1000);
        hr.AllowsTool("run_readonly_sql").Should().BeTrue();
        hr.AllowsTool("run_script").Should().BeFalse();
        Scope("analyst").AllowsTool("run_script").Should().BeTrue();
    }
}
