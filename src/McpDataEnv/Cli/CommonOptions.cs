using System.CommandLine;

namespace McpDataEnv.Cli;

/// <summary>Options shared by several verbs, so they read and validate the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<DirectoryInfo> Environment() => new("--env", "-e")
    {
        Description = "The environment folder, e.g. environments/retail.",
        Required = true,
    };

    public static Option<string?> Role() => new("--role")
    {
        Description = "Role from safety_policy.md to act as (default: the policy's least privileged role).",
    };
}
