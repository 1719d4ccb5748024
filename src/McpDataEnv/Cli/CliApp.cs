using System.CommandLine;

namespace McpDataEnv.Cli;

/// <summary>The <c>mcpdataenv</c> command line: one verb per file in this folder.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("McpDataEnv: serves an environment folder as a governed, read-only analytics workspace over MCP.")
        {
            ServeCommand.Create(),
            SeedCommand.Create(),
            CheckCommand.Create(),
            CallCommand.Create(),
            AuditCommand.Create(),
            GrantsCommand.Create(),
            MemoryCommand.Create(),
        };
        return root;
    }
}
