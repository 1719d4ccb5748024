using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Tests.Environments;

namespace McpDataEnv.Core.Tests.Governance;

public sealed class SafetyPolicyParserTests
{
    private static IEnumerable<string> Errors(string frontMatter)
    {
        using var folder = new EnvironmentFolder(policy: EnvironmentFolder.Policy(frontMatter));
        return EnvironmentLoader.Load(folder.Path, _ => null).Errors.Select(e => e.ToString()).ToList();
    }

    [Theory]
    [InlineData("roles: { analyst: {} }", "safety_policy.md: default_role is required")]
    [InlineData("default_role: analyts\nroles: { analyst: {} }", "safety_policy.md: default_role: unknown role 'analyts' (did you mean 'analyst'?)")]
    [InlineData("default_role: a\nroles: {}", "safety_policy.md: roles must define at least one role")]
    [InlineData("default_role: a\nroles: { a: {}, finance: { inherits: analyts } }", "safety_policy.md: roles.finance.inherits: unknown role 'analyts'")]
    [InlineData("default_role: a\nroles: { a: { inherits: b }, b: { inherits: a } }", "safety_policy.md: roles.b.inherits: inheritance cycle a -> b -> a")]
    [InlineData("default_role: a\nroles: { a: { inherits: a } }", "safety_policy.md: roles.a.inherits: inheritance cycle a -> a")]
    [InlineData("default_role: a\nroles: { a: { deny_column: [customers.email] } }", "safety_policy.md: roles.a.deny_column: unknown key (did you mean 'deny_columns'?); known keys: description, inherits, tables, deny_tables, allow_tables, deny_columns, allow_columns, row_filters, attributes, max_rows, tools")]
    [InlineData("default_role: a\nroles: { a: { deny_columns: [email] } }", "safety_policy.md: roles.a.deny_columns: 'email' must be written table.column")]
    [InlineData("default_role: a\nroles: { a: { allow_columns: [customers.email] } }", "safety_policy.md: roles.a.allow_columns: 'customers.email' is not denied by this role or the roles it inherits, so there is nothing to lift")]
    [InlineData("default_role: a\nroles: { a: { row_filters: { customers: 'region_id = :region' } } }", "safety_policy.md: roles.a.row_filters.customers: :region names no attribute of role 'a'; add attributes: { region: ... }")]
    [InlineData("default_role: a\nroles: { a: { tools: [run_sql] } }", "safety_policy.md: roles.a.tools: unknown tool 'run_sql'")]
    [InlineData("default_role: a\nroles: { a: { max_rows: 0 } }", "safety_policy.md: roles.a.max_rows must be a positive integer")]
    [InlineData("default_role: a\nroles: { a: { max_rows: 20000 } }", "safety_policy.md: roles.a.max_rows: 20000 exceeds limits.max_rows (10000) in environment.yaml")]
    [InlineData("default_role: a\nroles: { a: { deny_tables: [invoices] } }", "safety_policy.md: roles.a.deny_tables: table 'invoices' is not described in schema.yaml")]
    [InlineData("default_role: a\nroles: { a: { deny_columns: [customers.mail] } }", "safety_policy.md: roles.a.deny_columns: column 'customers.mail' is not described in schema.yaml")]
    [InlineData("default_role: a\nroles: { Admin: {} , a: {} }", "safety_policy.md: roles.Admin: role names are lowercase identifiers (letters, digits, '_')")]
    [InlineData("default_role: a\nroles: { a: {} }\nmemory: { deny_patterns: { bad: '([a-z' } }", "safety_policy.md: memory.deny_patterns.bad: is not a valid regular expression (Invalid pattern '([a-z' at offset 5. Unterminated [] set.)")]
    [InlineData("default_role: a\nroles: { a: {} }\nmemory: { deny_pattern: {} }", "safety_policy.md: memory.deny_pattern: unknown key (did you mean 'deny_patterns'?); known keys: deny_patterns, shared")]
    [InlineData("default_role: a\nroles: { a: {} }\nmemory: { shared: { team: { read: [a], writers: [a] } } }", "safety_policy.md: memory.shared.team.writers: unknown key (did you mean 'write'?); known keys: description, read, write")]
    [InlineData("default_role: a\nroles: { analyst: {}, a: {} }\nmemory: { shared: { team: { read: [analyts] } } }", "safety_policy.md: memory.shared.team.read: unknown role 'analyts' (did you mean 'analyst'?)")]
    [InlineData("default_role: a\nroles: { finance: {}, a: {} }\nmemory: { shared: { team: { read: [a], write: [finanse] } } }", "safety_policy.md: memory.shared.team.write: unknown role 'finanse' (did you mean 'finance'?)")]
    [InlineData("default_role: a\nroles: { a: {} }\nmemory: { shared: { Team: { read: [a] } } }", "safety_policy.md: memory.shared.Team: shared scope names are lowercase identifiers of at most 32 characters (letters, digits, '_')")]
    [InlineData("default_role: a\nroles: { a: {} }\nmemory: { shared: { team: { description: everyone } } }", "safety_policy.md: memory.shared.team grants no role: list roles under read and/or write")]
    public void Policy_problems_are_reported_with_file_and_key(string frontMatter, string expected) =>
        Errors(frontMatter).Should().Contain(expected);

    [Fact]
    public void Inheritance_lifts_only_what_the_child_allows_and_keeps_the_rest()
    {
        var policy = DemoEnvironmentTests.Retail().Policy;

        var finance = policy.FindRole("finance")!;
        finance.DenyTables.Should().Equal("payroll");
        finance.DenyColumns.Should().BeEquivalentTo("customers.full_name", "customers.email", "customers.phone");
        finance.Description.Should().StartWith("Finance");

        var manager = policy.FindRole("emea_manager")!;
        manager.DenyColumns.Should().Contain("products.unit_cost");
        manager.Attributes.Should().Contain("region", "EMEA");
        manager.RowFilters.Keys.Should().BeEquivalentTo("orders", "customers", "order_items");

        var hr = policy.FindRole("hr")!;
        hr.Tables.Should().Equal("payroll");
        hr.MaxRows.Should().Be(1000);
        hr.Tools.Should().Equal("describe_schema", "run_readonly_sql");
    }

    [Fact]
    public void Inherited_row_filters_on_the_same_table_are_combined_with_AND()
    {
        using var folder = new EnvironmentFolder(policy: EnvironmentFolder.Policy("""
            default_role: a
            roles:
              a: { attributes: { r: X }, row_filters: { customers: "region_id = :r" } }
              b: { inherits: a, row_filters: { customers: "customer_id > 10" } }
            """));

        var b = EnvironmentLoader.Load(folder.Path, _ => null).Environment!.Policy.FindRole("b")!;

        b.RowFilters["customers"].Should().Be("(region_id = :r) AND (customer_id > 10)");
    }

    [Fact]
    public void The_retail_policy_shares_a_team_scope_everyone_reads_and_analysts_and_finance_write()
    {
        var team = DemoEnvironmentTests.Retail().Policy.SharedMemory.Scopes["team"];

        new[] { "analyst", "finance", "emea_manager" }.Should().OnlyContain(role => team.MayRead(role));
        team.WriteRoles.Should().BeEquivalentTo("analyst", "finance");
        team.MayWrite("emea_manager").Should().BeFalse();
    }

    [Fact]
    public void Memory_deny_patterns_are_kept()
    {
        var rules = DemoEnvironmentTests.Retail().Policy.MemoryRules;

        rules.DenyPatterns.Keys.Should().BeEquivalentTo("email", "phone");
        System.Text.RegularExpressions.Regex.IsMatch("write to jane.doe@example.com", rules.DenyPatterns["email"]).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("call +1 (555) 010-2030", rules.DenyPatterns["phone"]).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("revenue grew 12% in 2024", rules.DenyPatterns["phone"]).Should().BeFalse();
    }
}
