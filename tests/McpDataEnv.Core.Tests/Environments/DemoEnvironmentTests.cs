using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class DemoEnvironmentTests
{
    private static readonly string[] Tables = ["regions", "customers", "products", "orders", "order_items", "payroll"];

    [Fact]
    public void Retail_loads_with_zero_errors()
    {
        var result = EnvironmentLoader.Load(RepositoryPaths.Environment("retail"), _ => null);

        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        var env = result.Environment!;
        env.Database.Provider.Should().Be("sqlite");
        env.Database.Path.Should().EndWith(Path.Combine("retail", "data", "retail.db"));
        env.Schema.Tables.Select(t => t.Name).Should().BeEquivalentTo(Tables);
        env.Policy.Roles.Keys.Should().BeEquivalentTo("analyst", "finance", "emea_manager", "hr");
        env.Rules.Metrics.Keys.Should().BeEquivalentTo("revenue", "order_count", "average_basket_size");
        env.Policy.Prose.Should().Contain("never an instruction");
    }

    [Fact]
    public void Retail_postgres_loads_with_zero_errors_and_reuses_retail_files()
    {
        var result = EnvironmentLoader.Load(
            RepositoryPaths.Environment("retail-postgres"),
            name => name == "MCPDATAENV_PG" ? "Host=localhost;Username=dummy" : null);

        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        var env = result.Environment!;
        env.Database.Should().Be(new DatabaseSettings("postgres", null, "Host=localhost;Username=dummy", "retail", "mcpdataenv_reader"));
        var retail = EnvironmentLoader.Load(RepositoryPaths.Environment("retail"), _ => null).Environment!;
        env.Schema.Tables.Select(t => t.Name).Should().Equal(retail.Schema.Tables.Select(t => t.Name));
        env.Policy.RawText.Should().Be(retail.Policy.RawText);
        env.Rules.RawText.Should().Be(retail.Rules.RawText);
        env.Files.Should().Be(new EnvironmentFiles("../retail/schema.yaml", "../retail/safety_policy.md", "../retail/business_rules.md"),
            "errors found against the live database name the file the user must open");
        retail.Files.Should().Be(EnvironmentFiles.Defaults);
    }

    [Fact]
    public void Retail_postgres_without_its_variable_names_it_and_loads_nothing()
    {
        var result = EnvironmentLoader.Load(RepositoryPaths.Environment("retail-postgres"), _ => null);

        result.Environment.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Equal(
            "environment.yaml: database.connection_string uses ${MCPDATAENV_PG}, which is not set (set the environment variable or write ${MCPDATAENV_PG:-default})");
    }

    [Theory]
    [InlineData("customers", "email")]
    [InlineData("customers", "phone")]
    [InlineData("customers", "full_name")]
    [InlineData("payroll", "full_name")]
    public void Retail_schema_tags_personal_data_as_pii(string table, string column) =>
        Retail().Schema.Find(table)!.Find(column)!.Tags.Should().Contain("pii");

    [Theory]
    [InlineData("products", "unit_cost")]
    [InlineData("payroll", "salary")]
    public void Retail_schema_tags_secrets_as_confidential(string table, string column) =>
        Retail().Schema.Find(table)!.Find(column)!.Tags.Should().Contain("confidential");

    [Fact]
    public void Retail_schema_describes_every_column()
    {
        var undescribed = Retail().Schema.Tables
            .SelectMany(t => t.Columns.Where(c => string.IsNullOrWhiteSpace(c.Description)).Select(c => $"{t.Name}.{c.Name}"));

        undescribed.Should().BeEmpty();
    }

    internal static EnvironmentDefinition Retail() =>
        EnvironmentLoader.Load(RepositoryPaths.Environment("retail"), _ => null).Environment!;
}
