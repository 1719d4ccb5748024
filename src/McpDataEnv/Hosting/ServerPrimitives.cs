using System.Reflection;
using McpDataEnv.Prompts;
using McpDataEnv.Resources;
using McpDataEnv.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpDataEnv.Hosting;

/// <summary>
/// The SDK objects for every tool, resource and prompt this build implements, built once per process. Building them is
/// the costliest step before <c>initialize</c> can be answered (reflection over the methods, JSON-schema generation
/// with <see cref="ToolJson.Options"/>: ~0.2 s of CPU even from ReadyToRun code), so the CLI verbs start it on
/// background threads before they load the environment, and every server (stdio, HTTP, in process) registers these
/// instances instead of having the SDK rebuild them from the types. They hold no state about an environment or a
/// session: which of them a server offers is decided in <see cref="McpServerSetup"/>.
/// </summary>
/// <remarks>
/// A method parameter the SDK should take from dependency injection rather than from the client's arguments (and so
/// leave out of the input schema) must be one of <see cref="McpServerSetup.InjectedTypes"/>; the contract snapshot
/// of <c>tools/list</c> fails when a new one is forgotten. Schemas are normalised for strict clients here, once
/// (see <see cref="StrictClientSchemas"/>), and each tool is a <see cref="PublishedTool"/>, which spares the SDK an
/// extra serialisation of every result.
/// </remarks>
public sealed class ServerPrimitives
{
    // Two halves on two pool threads: the tools are most of the work, and the resources and the prompt would otherwise
    // wait behind them while the thread that loads the environment sits idle at the end.
    private static readonly Lazy<Task<IReadOnlyDictionary<string, McpServerTool>>> ToolsBuilding =
        new(() => Task.Run(BuildTools), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<Task<(McpServerResource[] Environment, McpServerResource[] Memory, McpServerPrompt[] Prompts)>> OthersBuilding =
        new(() => Task.Run(BuildOthers), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ServerPrimitives> Built = new(Assemble, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly InjectedServices Injected = new(McpServerSetup.InjectedTypes);

    private ServerPrimitives(
        IReadOnlyDictionary<string, McpServerTool> tools,
        IReadOnlyList<McpServerResource> environmentResources,
        IReadOnlyList<McpServerResource> memoryResources,
        IReadOnlyList<McpServerPrompt> prompts)
    {
        Tools = tools;
        EnvironmentResources = environmentResources;
        MemoryResources = memoryResources;
        Prompts = prompts;
    }

    /// <summary>Every tool of <see cref="ToolCatalog"/>, by name.</summary>
    public IReadOnlyDictionary<string, McpServerTool> Tools { get; }

    public IReadOnlyList<McpServerResource> EnvironmentResources { get; }

    public IReadOnlyList<McpServerResource> MemoryResources { get; }

    public IReadOnlyList<McpServerPrompt> Prompts { get; }

    /// <summary>Starts building on background threads, once per process; never waits.</summary>
    public static void StartBuilding()
    {
        _ = ToolsBuilding.Value;
        _ = OthersBuilding.Value;
    }

    /// <summary>The built objects, waiting for (or starting) the build.</summary>
    public static ServerPrimitives Get() => Built.Value;

    private static ServerPrimitives Assemble()
    {
        StartBuilding();
        var (environment, memory, prompts) = OthersBuilding.Value.GetAwaiter().GetResult();
        return new ServerPrimitives(ToolsBuilding.Value.GetAwaiter().GetResult(), environment, memory, prompts);
    }

    // Every Create below names its options argument: the overloads' second parameter is the target instance (object),
    // so positional options would silently be taken as the target and the services and serializer ignored.
    private static IReadOnlyDictionary<string, McpServerTool> BuildTools() => ToolCatalog.All.ToDictionary(
        entry => entry.Key,
        entry => (McpServerTool)new PublishedTool(Normalized(McpServerTool.Create(
            Annotated<McpServerToolAttribute>(entry.Value).Single(),
            options: new McpServerToolCreateOptions { Services = Injected, SerializerOptions = ToolJson.Options }))),
        StringComparer.Ordinal);

    private static (McpServerResource[], McpServerResource[], McpServerPrompt[]) BuildOthers() => (
        Resources(typeof(EnvironmentResources)),
        Resources(typeof(MemoryResources)),
        [.. Annotated<McpServerPromptAttribute>(typeof(AnalyzePrompt)).Select(m => McpServerPrompt.Create(m, options: new McpServerPromptCreateOptions { Services = Injected }))]);

    private static McpServerTool Normalized(McpServerTool tool)
    {
        StrictClientSchemas.Normalize(tool.ProtocolTool);
        return tool;
    }

    private static McpServerResource[] Resources(Type type) =>
        [.. Annotated<McpServerResourceAttribute>(type).Select(m => McpServerResource.Create(m, options: new McpServerResourceCreateOptions { Services = Injected }))];

    private static IEnumerable<MethodInfo> Annotated<TAttribute>(Type type) where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<TAttribute>() is not null);

    /// <summary>
    /// Answers the SDK's one question at build time, "is this parameter type a service?", exactly as the server's own
    /// container will; the values themselves come from that container on every call.
    /// </summary>
    private sealed class InjectedServices(IReadOnlyCollection<Type> types) : IServiceProvider, IServiceProviderIsService
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IServiceProviderIsService) ? this : null;

        public bool IsService(Type serviceType) => types.Contains(serviceType);
    }
}
