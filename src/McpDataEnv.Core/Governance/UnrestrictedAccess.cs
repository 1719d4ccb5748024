namespace McpDataEnv.Core.Governance;

/// <summary>Access with no restrictions: for seeding, admin commands and engine-level tests only.</summary>
public sealed class UnrestrictedAccess : IAccessScope
{
    public static UnrestrictedAccess Instance { get; } = new();

    public string Principal => "system";

    public string Role => "system";

    public IReadOnlyDictionary<string, string> RowFilters { get; } = new Dictionary<string, string>();

    public AccessDenial? CheckRead(string table, string column) => null;
}
