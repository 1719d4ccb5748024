using McpDataEnv.Tools;

namespace McpDataEnv.Hosting;

/// <summary>Every MCP tool the server can offer, by name: the one place a new tool is registered.</summary>
public static class ToolCatalog
{
    public static IReadOnlyDictionary<string, Type> All { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [DescribeSchemaTool.Name] = typeof(DescribeSchemaTool),
        [RunReadonlySqlTool.Name] = typeof(RunReadonlySqlTool),
        [CheckRequestTool.Name] = typeof(CheckRequestTool),
        [RunScriptTool.Name] = typeof(RunScriptTool),
        [TriangulateMetricTool.Name] = typeof(TriangulateMetricTool),
        [MemorySearchTool.Name] = typeof(MemorySearchTool),
        [MemoryEditTool.Name] = typeof(MemoryEditTool),
        [MemoryArchiveTool.Name] = typeof(MemoryArchiveTool),
    };

    /// <summary>The tools the environment enables that this build implements, in a stable order.</summary>
    public static IReadOnlyList<string> Enabled(IEnumerable<string> enabledInEnvironment) =>
        enabledInEnvironment.Where(All.ContainsKey).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
}
