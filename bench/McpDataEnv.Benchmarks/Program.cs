using BenchmarkDotNet.Running;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// In-process costs, each reported as a ratio to a baseline measured in the same run.
/// <c>dotnet run -c Release --project bench/McpDataEnv.Benchmarks -- --filter '*'</c>;
/// <c>-- --smoke</c> runs every benchmark once, quickly (CI uses it to keep them compiling and running).
/// <c>-- --memory-seed &lt;memory.db&gt; &lt;count&gt; &lt;graph.jsonl&gt;</c> seeds the memory side-by-side benchmark.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return Smoke.Run();
        }

        if (args is ["--memory-seed", var database, var count, var graphFile, ..])
        {
            // bench/run.sh: the same passages in McpDataEnv's store (stdio principal) and as a server-memory graph.
            MemorySeeder.SeedAsync(database, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), new("retail", "stdio"), graphFile).GetAwaiter().GetResult();
            return 0;
        }

        if (args is ["--memory-profile", var store, .. var rest])
        {
            return MemoryProfile.Run(store, rest is [var window, ..] ? int.Parse(window, System.Globalization.CultureInfo.InvariantCulture) : 1_500);
        }

        if (args is ["--memory-archive-profile", var folder, ..])
        {
            return MemoryArchiveProfile.Run(folder);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
