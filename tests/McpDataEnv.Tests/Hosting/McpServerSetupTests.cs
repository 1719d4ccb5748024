using McpDataEnv.Hosting;
using McpDataEnv.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Tests.Hosting;

/// <summary>
/// What a server registers for one environment. <see cref="McpServerSetup.InjectedTypes"/> tells the SDK which method
/// parameters are services rather than client arguments, so it must name exactly what the setup registers: a service
/// registered but not listed would be asked of the client, one listed but not registered would fail at call time.
/// </summary>
public sealed class McpServerSetupTests(SeededEnvironment env) : IClassFixture<SeededEnvironment>
{
    [Fact]
    public async Task The_services_a_tool_may_take_are_exactly_those_the_setup_registers()
    {
        var environment = EnvironmentBootstrap.LoadOrReport(env.Folder, TextWriter.Null)!;
        await using var runtime = EnvironmentBootstrap.CreateRuntime(environment, NullLoggerFactory.Instance);
        var caller = EnvironmentBootstrap.CreateCaller(environment, role: null, principalName: "setup-test");
        var services = new ServiceCollection().AddLogging();

        services.AddEnvironmentServer(runtime, new FixedCallerResolver(caller), caller);

        services.Select(d => d.ServiceType).Where(t => t.Namespace?.StartsWith("McpDataEnv", StringComparison.Ordinal) == true)
            .Should().BeEquivalentTo(McpServerSetup.InjectedTypes);
        await using var provider = services.BuildServiceProvider();
        McpServerSetup.InjectedTypes.Should().OnlyContain(type => provider.GetService(type) != null);
    }
}
