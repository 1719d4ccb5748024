namespace McpDataEnv.Core.Tests.Environments;

/// <summary>A throw-away environment folder: a minimal valid environment whose files a test can replace.</summary>
internal sealed class EnvironmentFolder : IDisposable
{
    public const string ValidEnvironment = """
        name: tiny
        database:
          provider: sqlite
          path: data/tiny.db
        """;

    public const string ValidSchema = """
        tables:
          customers:
            description: Customers.
            columns:
              customer_id: { description: Id. }
              email: { description: Mail., tags: [pii] }
              region_id: { description: Region. }
          payroll:
            columns:
              salary: { unit: USD, tags: [confidential] }
        """;

    public const string ValidPolicy = """
        ---
        default_role: analyst
        roles:
          analyst:
            deny_tables: [payroll]
            deny_columns: [customers.email]
        ---
        Prose.
        """;

    public const string ValidRules = """
        ---
        metrics:
          customer_count: { description: Customers., sql: SELECT COUNT(*) FROM customers }
        ---
        Rules.
        """;

    public EnvironmentFolder(string? environment = null, string? schema = null, string? policy = null, string? rules = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mcpdataenv-env-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Write("environment.yaml", environment ?? ValidEnvironment);
        Write("schema.yaml", schema ?? ValidSchema);
        Write("safety_policy.md", policy ?? ValidPolicy);
        Write("business_rules.md", rules ?? ValidRules);
    }

    public string Path { get; }

    public static string Policy(string frontMatter) => $"---\n{frontMatter}\n---\nProse.\n";

    public static string Rules(string frontMatter) => $"---\n{frontMatter}\n---\nRules.\n";

    public void Write(string file, string? text)
    {
        var path = System.IO.Path.Combine(Path, file);
        if (text is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, text);
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
