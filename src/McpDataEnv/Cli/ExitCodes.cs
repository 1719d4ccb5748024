namespace McpDataEnv.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ToolError = 1;
    public const int InvalidEnvironment = 2;
    public const int Usage = 3;
    public const int Unavailable = 4;
}
