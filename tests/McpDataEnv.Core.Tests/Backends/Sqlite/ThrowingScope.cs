using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>A scope whose check fails, to prove a faulty policy refuses instead of crashing or allowing.</summary>
internal sealed class ThrowingScope : IAccessScope
{
    public string Principal => "tester";

    public string Role => "broken";

    public IReadOnlyDictionary<string, string> RowFilters { get; } = new Dictionary<string, string>();

    public AccessDenial? CheckRead(string table, string column) => throw new InvalidOperationException("policy store down");
}
