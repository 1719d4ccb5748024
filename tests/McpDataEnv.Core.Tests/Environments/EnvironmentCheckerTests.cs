using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class EnvironmentCheckerTests
{
    private static LiveTable Table(string name, params string[] columns) =>
        new("main", name, 0, columns.Select(c => new LiveColumn(c, "TEXT", true, null)).ToList(), [], [], null);

    private static LiveSchema RetailLive() => new(
    [
        Table("regions", "region_id", "code", "name"),
        Table("customers", "customer_id", "full_name", "email", "phone", "region_id", "signup_date", "churned_on"),
        Table("products", "product_id", "sku", "name", "category", "unit_price", "unit_cost"),
        Table("orders", "order_id", "customer_id", "region_id", "ordered_at", "status", "channel"),
        Table("order_items", "order_id", "line_no", "product_id", "quantity", "unit_price", "discount"),
        Table("payroll", "employee_id", "full_name", "salary"),
    ]);

    [Fact]
    public void Retail_matches_the_exact_demo_schema()
    {
        EnvironmentChecker.CheckAgainstLive(DemoEnvironmentTests.Retail(), RetailLive()).Should().BeEmpty();
    }

    [Fact]
    public void Checker_reports_live_columns_and_tables_missing_from_schema_yaml()
    {
        var live = new LiveSchema([.. RetailLive().Tables.Select(t => t.Name == "customers"
            ? t with { Columns = [.. t.Columns, new LiveColumn("loyalty_tier", "TEXT", true, null)] } : t), Table("audit_log", "id")]);

        EnvironmentChecker.CheckAgainstLive(DemoEnvironmentTests.Retail(), live).Select(e => e.ToString()).Should().BeEquivalentTo(
            "schema.yaml: customers.loyalty_tier exists in the database but is not described in schema.yaml",
            "schema.yaml: audit_log exists in the database but is not described in schema.yaml");
    }

    [Fact]
    public void Checker_reports_described_and_policy_names_missing_from_the_database()
    {
        var live = new LiveSchema([.. RetailLive().Tables.Where(t => t.Name != "payroll").Select(t => t.Name == "customers"
            ? t with { Columns = [.. t.Columns.Where(c => c.Name != "email")] } : t)]);

        EnvironmentChecker.CheckAgainstLive(DemoEnvironmentTests.Retail(), live).Select(e => e.ToString()).Should().BeEquivalentTo(
            "schema.yaml: tables.payroll: table 'payroll' does not exist in the database",
            "schema.yaml: tables.customers.columns.email: column 'customers.email' does not exist in the database",
            "safety_policy.md: roles.analyst.deny_tables: table 'payroll' does not exist in the database",
            "safety_policy.md: roles.analyst.deny_columns: column 'customers.email' does not exist in the database",
            "safety_policy.md: roles.hr.tables: table 'payroll' does not exist in the database");
    }

    [Fact]
    public void Checker_names_the_files_the_environment_reads_when_they_live_elsewhere()
    {
        var shared = DemoEnvironmentTests.Retail() with { Files = new("../retail/schema.yaml", "../retail/safety_policy.md", "../retail/business_rules.md") };
        var live = new LiveSchema([.. RetailLive().Tables.Where(t => t.Name != "payroll"), Table("audit_log", "id")]);

        EnvironmentChecker.CheckAgainstLive(shared, live).Select(e => e.ToString()).Should().BeEquivalentTo(
            "../retail/schema.yaml: tables.payroll: table 'payroll' does not exist in the database",
            "../retail/schema.yaml: audit_log exists in the database but is not described in schema.yaml",
            "../retail/safety_policy.md: roles.analyst.deny_tables: table 'payroll' does not exist in the database",
            "../retail/safety_policy.md: roles.hr.tables: table 'payroll' does not exist in the database");
    }
}
