using McpDataEnv.ConformanceHost;
using McpDataEnv.Hosting;
using McpDataEnv.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

// Usage: McpDataEnv.ConformanceHost [port]  (0 or absent: a free port). Prints "listening <url>" once ready.
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.AddStderrConsole();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.AddMcpHttpTransports(McpHttpOptions.Default);
builder.Services.AddMcpServer()
    .WithTools<FixtureTools>()
    .WithTools<FixtureElicitationTools>()
    .WithTools([FixtureSchemaTool.Create()])
    .WithResources<FixtureResources>()
    .WithPrompts<FixturePrompts>()
    .WithFixtureHandlers();

var app = builder.Build();
app.UseMiddleware<OriginGuard>(Array.Empty<string>(), Array.Empty<string>());
app.MapMcpHttpTransports();
await app.StartAsync();
Console.WriteLine($"listening {app.Urls.First()}");
await app.WaitForShutdownAsync();
