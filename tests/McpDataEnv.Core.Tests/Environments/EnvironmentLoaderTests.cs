using McpDataEnv.Core.Environments;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class EnvironmentLoaderTests
{
    private static EnvironmentLoadResult LoadEnvironmentYaml(string yaml, Func<string, string?>? variables = null)
    {
        using var folder = new EnvironmentFolder(environment: yaml);
        return EnvironmentLoader.Load(folder.Path, variables ?? (_ => null));
    }

    [Fact]
    public void Loader_accepts_a_minimal_environment_and_applies_defaults()
    {
        using var folder = new EnvironmentFolder();
        var result = EnvironmentLoader.Load(folder.Path, _ => null);

        result.Errors.Should().BeEmpty();
        var env = result.Environment!;
        env.Limits.Should().Be(LimitSettings.Defaults);
        env.Scripts.Should().Be(ScriptSettings.Defaults);
        env.Memory.Should().Be(MemorySettings.Defaults);
        env.Governance.Should().Be(GovernanceSettings.Defaults);
        env.EnabledTools.Should().Equal(KnownTools.All);
        env.Database.Path.Should().Be(Path.Combine(folder.Path, "data", "tiny.db"));
        env.Description.Should().BeEmpty();
    }

    [Theory]
    [InlineData("database: { provider: sqlite }", "environment.yaml: name is required")]
    [InlineData("name: tiny", "environment.yaml: database is required")]
    [InlineData("name: tiny\ndatabase: { path: x.db }", "environment.yaml: database.provider is required")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite }", "environment.yaml: database.path is required")]
    [InlineData("name: tiny\ndatabase: { provider: postgress, path: x.db }", "environment.yaml: database.provider must be 'sqlite' or 'postgres' (did you mean 'postgres'?)")]
    [InlineData("name: tiny\ndatabase: { provider: postgres, connection_string: x, path: x.db }", "environment.yaml: database.path: unknown key; known keys: provider, connection_string, schema, reader_role")]
    [InlineData("name: tiny\ndatabase: { provider: postgres }", "environment.yaml: database.connection_string is required")]
    [InlineData("name: tiny\ndatabase: { provider: postgres, connection_string: x, schema: 'a;b' }", "environment.yaml: database.schema must be a plain SQL identifier (letters, digits, '_')")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db, schema: main }", "environment.yaml: database.schema: unknown key; known keys: provider, path")]
    [InlineData("name: tiny\ndatabase: sqlite", "environment.yaml: database must be a mapping of keys to values")]
    [InlineData("name: Tiny Env\ndatabase: { provider: sqlite, path: x.db }", "environment.yaml: name must be lowercase letters, digits, '-' or '_' (it names the environment to clients)")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimts: {}", "environment.yaml: limts: unknown key (did you mean 'limits'?); known keys: name, description, database, limits, tools, scripts, memory, governance, files, http, principals")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { max_rows: lots }", "environment.yaml: limits.max_rows must be a positive integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { max_rows: 0 }", "environment.yaml: limits.max_rows must be a positive integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { max_rows: [1] }", "environment.yaml: limits.max_rows must be a positive integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { statement_timeout_ms: -5 }", "environment.yaml: limits.statement_timeout_ms must be a positive integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { default_rows: 500, max_rows: 200 }", "environment.yaml: limits.default_rows (500) must not exceed limits.max_rows (200)")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nlimits: { max_row: 5 }", "environment.yaml: limits.max_row: unknown key (did you mean 'max_rows'?); known keys: default_rows, max_rows, statement_timeout_ms, max_result_bytes, max_sql_length")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\ntools: [run_readonly_sq]", "environment.yaml: tools: unknown tool 'run_readonly_sq' (did you mean 'run_readonly_sql'?); known tools: describe_schema, run_readonly_sql, run_script, triangulate_metric, check_request, memory_search, memory_edit, memory_archive")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\ntools: [run_script, run_script]", "environment.yaml: tools: 'run_script' is listed twice")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\ntools: run_script", "environment.yaml: tools must be a list of strings, e.g. [a, b]")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nscripts: { memory_mb: 8 }", "environment.yaml: scripts.memory_mb must be an integer of at least 16")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nscripts: { workers: 4, max_concurrent: 2 }", "environment.yaml: scripts.max_concurrent (2) must be at least scripts.workers (4)")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nscripts: { max_log_lines: -1 }", "environment.yaml: scripts.max_log_lines must be a non-negative integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nmemory: { search_default_limit: 60, search_max_limit: 50 }", "environment.yaml: memory.search_default_limit (60) must not exceed memory.search_max_limit (50)")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\ngovernance: { require_plan: maybe }", "environment.yaml: governance.require_plan must be true or false")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\ngovernance: { plan_ttl_seconds: 0 }", "environment.yaml: governance.plan_ttl_seconds must be a positive integer")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nfiles: { schemas: x.yaml }", "environment.yaml: files.schemas: unknown key (did you mean 'schema'?); known keys: schema, safety_policy, business_rules")]
    [InlineData("name: tiny\ndatabase: { provider: sqlite, path: x.db }\nfiles: { schema: other.yaml }", "other.yaml: file not found")]
    [InlineData("name: tiny\ndatabase: [sqlite", "environment.yaml: line 3, column 1: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("- a\n- b", "environment.yaml: must be a YAML mapping of keys to values")]
    [InlineData("name: a\nname: b\ndatabase: { provider: sqlite, path: x.db }", "environment.yaml: line 2, column 1: Duplicate key name")]
    public void Loader_reports_each_environment_yaml_problem_with_file_and_key(string yaml, string expected)
    {
        var result = LoadEnvironmentYaml(yaml);

        result.Environment.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void Loader_reports_every_error_at_once_across_files()
    {
        using var folder = new EnvironmentFolder(
            environment: "name: tiny\ndatabase: { provider: sqlite }\nlimits: { max_rows: x }",
            schema: "tables: { t: { columns: { c: { tags: [PII] } } } }",
            policy: EnvironmentFolder.Policy("default_role: nobody\nroles: { analyst: {} }"),
            rules: EnvironmentFolder.Rules("metrics: { m: { sql: SELECT 1 } }"));

        var errors = EnvironmentLoader.Load(folder.Path, _ => null).Errors.Select(e => e.ToString());

        errors.Should().BeEquivalentTo(
            "environment.yaml: database.path is required",
            "environment.yaml: limits.max_rows must be a positive integer",
            "schema.yaml: tables.t.columns.c.tags: 'PII' is not a lowercase identifier (e.g. pii, confidential)",
            "safety_policy.md: default_role: unknown role 'nobody'",
            "business_rules.md: metrics.m.description is required");
    }

    [Theory]
    [InlineData("environment.yaml")]
    [InlineData("schema.yaml")]
    [InlineData("safety_policy.md")]
    [InlineData("business_rules.md")]
    public void Loader_reports_a_missing_file(string file)
    {
        using var folder = new EnvironmentFolder();
        folder.Write(file, null);

        var result = EnvironmentLoader.Load(folder.Path, _ => null);

        result.Environment.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Contain($"{file}: file not found");
    }

    [Fact]
    public void Loader_reports_a_missing_folder_instead_of_throwing()
    {
        var result = EnvironmentLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-env-" + Guid.NewGuid().ToString("N")));

        result.Environment.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Message.Should().Be("environment folder not found");
    }

    [Fact]
    public void Loader_reads_every_setting_given()
    {
        var result = LoadEnvironmentYaml("""
            name: tiny
            description: A tiny one.
            database: { provider: postgres, connection_string: "Host=h", schema: sales, reader_role: reader }
            limits: { default_rows: 10, max_rows: 20, statement_timeout_ms: 30, max_result_bytes: 40, max_sql_length: 50 }
            tools: [describe_schema]
            scripts: { timeout_ms: 1, memory_mb: 32, max_source_chars: 3, max_output_bytes: 4, max_log_lines: 5, max_sql_calls: 6, max_sql_rows_per_call: 7, workers: 1, max_concurrent: 9 }
            memory: { core_block_limit: 1, max_core_blocks: 2, max_passage_chars: 3, writes_per_minute: 4, search_default_limit: 5, search_max_limit: 6 }
            governance: { require_plan: true, plan_ttl_seconds: 60 }
            """);

        result.Errors.Should().BeEmpty();
        var env = result.Environment!;
        env.Description.Should().Be("A tiny one.");
        env.Database.Should().Be(new DatabaseSettings("postgres", null, "Host=h", "sales", "reader"));
        env.Limits.Should().Be(new LimitSettings(10, 20, 30, 40, 50));
        env.EnabledTools.Should().Equal("describe_schema");
        env.Scripts.Should().Be(new ScriptSettings(1, 32, 3, 4, 5, 6, 7, 1, 9));
        env.Memory.Should().Be(new MemorySettings(1, 2, 3, 4, 5, 6));
        env.Governance.Should().Be(new GovernanceSettings(true, 60));
    }
}
