using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

// Usage: probe archive <db> <principal> <count|forever> <label>  -> one acknowledged passage id per line
//        probe edit <db> <principal> <key> <expected-version>     -> "won <version>" or "conflict <current>"
using var store = new SqliteMemoryStore(args[1]);
var memory = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryContentRules.None);
var scope = new MemoryScope("retail", args[2]);
var provenance = new MemoryProvenance("probe", Environment.ProcessId.ToString());
var stdout = Console.Out;
switch (args[0])
{
    case "archive":
        var count = args[3] == "forever" ? long.MaxValue : long.Parse(args[3]);
        for (long i = 0; i < count; i++)
        {
            var result = await memory.ArchiveAsync(scope, $"{args[4]} passage {i}", ["probe"], provenance);
            stdout.WriteLine(result.Id);
            stdout.Flush();
        }

        break;
    case "edit":
        try
        {
            var edited = await memory.EditCoreAsync(scope, args[3], $"written by {Environment.ProcessId}", long.Parse(args[4]), provenance);
            stdout.WriteLine($"won {edited.Version}");
        }
        catch (DataEnvException e) when (e.Code == ErrorCodes.VersionConflict)
        {
            stdout.WriteLine($"conflict {e.Details["current_version"]}");
        }

        break;
    default:
        Console.Error.WriteLine("unknown verb");
        return 2;
}

return 0;
