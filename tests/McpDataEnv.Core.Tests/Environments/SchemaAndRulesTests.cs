using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Metrics;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class SchemaAndRulesTests
{
    [Theory]
    [InlineData("tabels: {}", "schema.yaml: tabels: unknown key (did you mean 'tables'?); known keys: tables")]
    [InlineData("other: 1", "schema.yaml: tables is required")]
    [InlineData("tables: { t: { columns: { c: { descripton: x } } } }", "schema.yaml: tables.t.columns.c.descripton: unknown key (did you mean 'description'?); known keys: description, unit, tags")]
    [InlineData("tables: { t: { description: x } }", "schema.yaml: tables.t.columns is required")]
    [InlineData("tables: { t: [a] }", "schema.yaml: tables.t must be a mapping of keys to values")]
    [InlineData("tables: { 'bad name': { columns: { c: {} } } }", "schema.yaml: tables.bad name: is not a plain SQL name (letters, digits, '_')")]
    [InlineData("tables: { t: { columns: { c: { tags: [Secret Stuff] } } } }", "schema.yaml: tables.t.columns.c.tags: 'Secret Stuff' is not a lowercase identifier (e.g. pii, confidential)")]
    [InlineData("tables: { t: { columns: { c: { tags: pii } } } }", "schema.yaml: tables.t.columns.c.tags must be a list of strings, e.g. [a, b]")]
    public void Schema_problems_are_reported_with_file_and_key(string yaml, string expected)
    {
        using var folder = new EnvironmentFolder(schema: yaml, policy: EnvironmentFolder.Policy("default_role: a\nroles: { a: {} }"));

        EnvironmentLoader.Load(folder.Path, _ => null).Errors.Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void Schema_keeps_descriptions_units_and_free_tags()
    {
        using var folder = new EnvironmentFolder(
            schema: "tables: { t: { description: T., columns: { c: { description: C., unit: USD, tags: [pii, finance_kpi] }, bare: } } }",
            policy: EnvironmentFolder.Policy("default_role: a\nroles: { a: {} }"));

        var schema = EnvironmentLoader.Load(folder.Path, _ => null).Environment!.Schema;

        schema.Find("T")!.Description.Should().Be("T.");
        schema.Find("t")!.Find("C").Should().Be(new ColumnAnnotation("c", "C.", "USD", ["pii", "finance_kpi"]) with { Tags = schema.Find("t")!.Find("c")!.Tags });
        schema.Find("t")!.Find("c")!.Tags.Should().Equal("pii", "finance_kpi");
        schema.Find("t")!.Find("bare")!.Description.Should().BeNull();
    }

    [Theory]
    [InlineData("metrics: { m: { description: d } }", "business_rules.md: metrics.m.sql is required")]
    [InlineData("metrics: { m: { description: d, sql: SELECT 1, tolerance: 1.5 } }", "business_rules.md: metrics.m.tolerance must be a number between 0 and 1 (exclusive), e.g. 0.01")]
    [InlineData("metrics: { m: { description: d, sql: SELECT 1, tolerance: 0 } }", "business_rules.md: metrics.m.tolerance must be a number between 0 and 1 (exclusive), e.g. 0.01")]
    [InlineData("metrics: { m: { description: d, sql: SELECT 1, tolerance: lots } }", "business_rules.md: metrics.m.tolerance must be a number between 0 and 1 (exclusive), e.g. 0.01")]
    [InlineData("metrics: { m: { description: d, sql: SELECT 1, unti: USD } }", "business_rules.md: metrics.m.unti: unknown key (did you mean 'unit'?); known keys: description, unit, tolerance, sql")]
    [InlineData("metrics: { Revenue: { description: d, sql: SELECT 1 } }", "business_rules.md: metrics.Revenue: metric names are lowercase identifiers (letters, digits, '_')")]
    [InlineData("metric: {}", "business_rules.md: metric: unknown key (did you mean 'metrics'?); known keys: metrics")]
    public void Business_rule_problems_are_reported_with_file_and_key(string frontMatter, string expected)
    {
        using var folder = new EnvironmentFolder(rules: EnvironmentFolder.Rules(frontMatter));

        EnvironmentLoader.Load(folder.Path, _ => null).Errors.Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void Markdown_without_front_matter_is_an_error()
    {
        using var folder = new EnvironmentFolder(rules: "# Just prose\n");

        EnvironmentLoader.Load(folder.Path, _ => null).Errors.Select(e => e.ToString())
            .Should().Equal("business_rules.md: must start with YAML front matter between '---' lines");
    }

    [Fact]
    public void Front_matter_syntax_errors_point_at_the_line_in_the_markdown_file()
    {
        using var folder = new EnvironmentFolder(rules: "---\nmetrics:\n  m: [unclosed\n---\nProse.\n");

        EnvironmentLoader.Load(folder.Path, _ => null).Errors.Single().ToString()
            .Should().StartWith("business_rules.md: line 4, column 1:");
    }

    [Fact]
    public void Business_rules_keep_metrics_and_prose()
    {
        using var folder = new EnvironmentFolder(rules: EnvironmentFolder.Rules("metrics: { m: { description: D., unit: USD, tolerance: 0.02, sql: SELECT 1 } }"));

        var rules = EnvironmentLoader.Load(folder.Path, _ => null).Environment!.Rules;

        rules.FindMetric("m").Should().Be(new MetricDefinition("m", "D.", "USD", "SELECT 1", 0.02));
        rules.Prose.Should().Be("Rules.");
    }
}
