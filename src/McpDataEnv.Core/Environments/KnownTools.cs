namespace McpDataEnv.Core.Environments;

/// <summary>The MCP tool names an environment may enable: the one list the loader and the policy check against.</summary>
public static class KnownTools
{
    public const string DescribeSchema = "describe_schema";
    public const string RunReadonlySql = "run_readonly_sql";
    public const string RunScript = "run_script";
    public const string TriangulateMetric = "triangulate_metric";
    public const string CheckRequest = "check_request";
    public const string MemorySearch = "memory_search";
    public const string MemoryEdit = "memory_edit";
    public const string MemoryArchive = "memory_archive";

    /// <summary>Every known tool, in the order a listing should show them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DescribeSchema, RunReadonlySql, RunScript, TriangulateMetric,
        CheckRequest, MemorySearch, MemoryEdit, MemoryArchive,
    ];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
