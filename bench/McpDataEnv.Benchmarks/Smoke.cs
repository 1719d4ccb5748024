using System.Diagnostics;

namespace McpDataEnv.Benchmarks;

/// <summary>A seconds-long run of every benchmark body, to keep them working; prints no figures worth quoting.</summary>
internal static class Smoke
{
    public static int Run()
    {
        var gate = new GateBenchmarks();
        gate.Warm();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            if (!gate.CacheHit() || !gate.CacheMiss())
            {
                Console.Error.WriteLine("smoke: the gate refused the benchmark query");
                return 1;
            }
        }

        Console.WriteLine($"smoke: gate benchmarks ran ({clock.ElapsedMilliseconds} ms)");
        return SmokeMemory();
    }

    private static int SmokeMemory()
    {
        var memory = new MemoryBenchmarks { Passages = 2_000 };
        var clock = Stopwatch.StartNew();
        memory.Setup();
        try
        {
            if (memory.SearchSelective() == 0 || memory.SearchBroad() == 0 || memory.SearchRecent() == 0 || memory.Archive().Length == 0)
            {
                Console.Error.WriteLine("smoke: a memory benchmark found nothing");
                return 1;
            }
        }
        finally
        {
            memory.Cleanup();
        }

        Console.WriteLine($"smoke: memory benchmarks ran ({clock.ElapsedMilliseconds} ms)");
        return 0;
    }
}
