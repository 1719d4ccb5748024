using System.Text.RegularExpressions;
using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Environments;

/// <summary>Validates the <c>database</c> section; each provider has its own keys.</summary>
internal static partial class DatabaseSettingsParser
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static DatabaseSettings? Parse(YamlSection? section, string folder)
    {
        if (section is null)
        {
            return null;
        }

        var provider = section.String("provider", required: true);
        switch (provider)
        {
            case null:
                return null;
            case Sqlite:
                return ParseSqlite(section, folder);
            case Postgres:
                return ParsePostgres(section);
            default:
                section.Sentence("provider", $"must be '{Sqlite}' or '{Postgres}'{DidYouMean.Suffix(provider, [Sqlite, Postgres])}");
                return null;
        }
    }

    private static DatabaseSettings? ParseSqlite(YamlSection section, string folder)
    {
        section.AllowOnly("provider", "path");
        var path = section.String("path", required: true);
        return path is null ? null : new DatabaseSettings(Sqlite, Path.GetFullPath(Path.Combine(folder, path)), null, "main", null);
    }

    private static DatabaseSettings? ParsePostgres(YamlSection section)
    {
        section.AllowOnly("provider", "connection_string", "schema", "reader_role");
        var connectionString = section.String("connection_string", required: true);
        var schema = Identifier(section, "schema") ?? "public";
        var readerRole = Identifier(section, "reader_role");
        return connectionString is null ? null : new DatabaseSettings(Postgres, null, connectionString, schema, readerRole);
    }

    private static string? Identifier(YamlSection section, string key)
    {
        var value = section.String(key);
        if (value is not null && !SqlIdentifier().IsMatch(value))
        {
            section.Sentence(key, "must be a plain SQL identifier (letters, digits, '_')");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SqlIdentifier();
}
