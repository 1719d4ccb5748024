using BenchmarkDotNet.Running;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// In-process costs, each reported as a ratio to a baseline measured in the same run.
/// <c>dotnet run -c Release --project bench/McpDataEnv.Benchmarks -- --filter '*'</c>;
/// <c>-- --smoke</c> runs every benchmark once, quickly (CI uses it to keep them compiling and running).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return Smoke.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
