namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Quotes PostgreSQL identifiers so no name can break out of its place in generated SQL.</summary>
public static class PostgresIdentifier
{
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0')) throw new ArgumentException("identifier contains NUL", nameof(name));
        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }
}
