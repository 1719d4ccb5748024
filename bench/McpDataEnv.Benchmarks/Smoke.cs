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
        return RunGovernance();
    }

    private static int RunGovernance()
    {
        var governance = new GovernanceBenchmarks();
        governance.Setup();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                if (governance.OneRowQuery() != 1 || governance.OneRowQueryFiltered() > 1 || governance.PolicyCheck() != 0 || governance.AuditAppend() != i + 1)
                {
                    Console.Error.WriteLine("smoke: a governance benchmark body returned an unexpected value");
                    return 1;
                }
            }

            Console.WriteLine($"smoke: governance benchmarks ran ({clock.ElapsedMilliseconds} ms)");
            return 0;
        }
        finally
        {
            governance.Cleanup();
        }
    }
}
