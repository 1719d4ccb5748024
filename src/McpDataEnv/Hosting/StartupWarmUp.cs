using System.Reflection;
using McpDataEnv.Prompts;
using McpDataEnv.Resources;
using McpDataEnv.Tools;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// Runs the costliest start-up work of the SDK ahead of time on a background thread: building the tool, resource
/// and prompt objects (reflection over the methods, JSON-schema generation with <see cref="ToolJson.Options"/>),
/// which compiles that code and fills the serializer's per-type metadata cache. <c>serve</c> starts it before it
/// loads the environment, so on a multi-core machine the two overlap and the server's own registration, which
/// comes later and still goes through the SDK as usual, finds everything warm. The objects built here are discarded:
/// nothing about what the server offers depends on this class, only how soon it answers <c>initialize</c>.
/// </summary>
public static class StartupWarmUp
{
    private static readonly Lazy<Task> Started = new(() => Task.Run(Run), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts the warm-up once per process; never waits and never fails the caller.</summary>
    public static void Start() => _ = Started.Value;

    private static void Run()
    {
        try
        {
            foreach (var type in ToolCatalog.All.Values)
            {
                _ = McpServerTool.Create(Annotated<McpServerToolAttribute>(type).Single(), new McpServerToolCreateOptions { SerializerOptions = ToolJson.Options });
            }

            foreach (var method in Annotated<McpServerResourceAttribute>(typeof(EnvironmentResources)).Concat(Annotated<McpServerResourceAttribute>(typeof(MemoryResources))))
            {
                _ = McpServerResource.Create(method);
            }

            _ = McpServerPrompt.Create(Annotated<McpServerPromptAttribute>(typeof(AnalyzePrompt)).Single());
        }
        catch (Exception)
        {
            // Only a head start: the real registration runs regardless and reports its own errors.
        }
    }

    private static IEnumerable<MethodInfo> Annotated<TAttribute>(Type type) where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<TAttribute>() is not null);
}
