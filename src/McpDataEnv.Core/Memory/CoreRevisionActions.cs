namespace McpDataEnv.Core.Memory;

/// <summary>Values of <see cref="CoreRevision.Action"/>.</summary>
public static class CoreRevisionActions
{
    public const string Create = "create";
    public const string Edit = "edit";

    /// <summary>The value moved to archival memory and the block was cleared.</summary>
    public const string Archive = "archive";
}
