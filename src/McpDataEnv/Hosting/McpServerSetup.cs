using McpDataEnv.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Hosting;

/// <summary>Registers the MCP server (tools, resources, instructions) for one environment runtime.</summary>
public static class McpServerSetup
{
    /// <summary>The name this server gives in <c>initialize</c> and its transports put in their log categories.</summary>
    public const string ServerName = "mcpdataenv";

    /// <summary>
    /// The services a tool, resource or prompt method may take as a parameter (everything else is an argument from
    /// the client, or one the SDK supplies itself such as the request context or the cancellation token). Exactly what
    /// <see cref="AddEnvironmentServer"/> registers: McpServerSetupTests holds the two lists together.
    /// </summary>
    public static IReadOnlyCollection<Type> InjectedTypes { get; } =
        [typeof(EnvironmentRuntime), typeof(ICallerResolver), typeof(ToolRunner), typeof(SandboxWarmUp)];

    public static IMcpServerBuilder AddEnvironmentServer(this IServiceCollection services, EnvironmentRuntime runtime, ICallerResolver callers, CallerContext? fixedCaller)
    {
        services.AddSingleton(runtime);
        services.AddSingleton(callers);
        services.AddSingleton<ToolRunner>();
        services.AddSingleton<SandboxWarmUp>();

        var tools = ToolCatalog.Enabled(runtime.Environment.EnabledTools)
            .Where(name => fixedCaller is null || fixedCaller.MayUse(name))
            .ToList();
        var instructionCaller = fixedCaller ?? callers.Resolve(null);
        var memory = tools.Any(MemoryTools.Contains);
        // Both go into the instructions, so both are read before the first answer: side by side, from different databases.
        var coreBlocksRead = memory && fixedCaller is not null
            ? Task.Run(() => TryReadCoreBlocks(runtime, fixedCaller))
            : Task.FromResult<IReadOnlyList<Core.Memory.ScopedCoreBlocks>?>(null);
        var schema = TryReadSchema(runtime);
        var coreBlocks = coreBlocksRead.GetAwaiter().GetResult();
        var primitives = ServerPrimitives.Get();

        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = ServerName, Version = ServerVersion.Current };
                options.ServerInstructions = ServerInstructions.Build(runtime.Environment, schema, instructionCaller, tools, coreBlocks);
            })
            .WithTools(tools.Select(name => primitives.Tools[name]))
            .WithResources(primitives.EnvironmentResources)
            .WithResources(memory ? primitives.MemoryResources : [])
            .WithPrompts(primitives.Prompts)
            .WithMessageFilters(filters => filters.AddIncomingFilter(RequestParamsCheck.Filter).AddIncomingFilter(next => async (context, cancellationToken) =>
            {
                var warmUp = context.Services?.GetService(typeof(SandboxWarmUp)) as SandboxWarmUp;
                await (warmUp is null ? next : warmUp.Filter(next))(context, cancellationToken).ConfigureAwait(false);
            }))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolCallArguments.Filter).AddCallToolFilter(ToolArgumentCheck.Filter));
    }

    private static readonly HashSet<string> MemoryTools = [MemorySearchTool.Name, MemoryEditTool.Name, MemoryArchiveTool.Name];

    private static IReadOnlyList<Core.Memory.ScopedCoreBlocks>? TryReadCoreBlocks(EnvironmentRuntime runtime, CallerContext caller)
    {
        try
        {
            return runtime.Memory.GetReadableCoreBlocksAsync(caller.MemoryAccess(runtime), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Memory unavailable at start (store locked, database down): the tools report it; instructions omit it.
            return null;
        }
    }

    private static Core.Backends.LiveSchema? TryReadSchema(EnvironmentRuntime runtime)
    {
        try
        {
            return runtime.Backend.ReadSchemaAsync(refresh: false, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The database may be down at start (PostgreSQL); the server still starts and tools report it.
            return null;
        }
    }
}
