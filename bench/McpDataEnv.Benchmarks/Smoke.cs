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
            if (!gate.CacheHit() || !gate.NewLiterals() || !gate.NewShape())
            {
                Console.Error.WriteLine("smoke: the gate refused the benchmark query");
                return 1;
            }
        }

        Console.WriteLine($"smoke: gate benchmarks ran ({clock.ElapsedMilliseconds} ms)");
        foreach (var part in new Func<int>[] { RunGovernance, RunScripts, SmokeMemory })
        {
            if (part() is var status && status != 0)
            {
                return status;
            }
        }

        return 0;
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

    private static int RunScripts()
    {
        var scripts = new ScriptBenchmarks();
        scripts.Setup();
        try
        {
            var clock = Stopwatch.StartNew();
            var groups = scripts.GroupByInSql();
            var fromScript = scripts.GroupByInScript();
            var trivial = scripts.TrivialScript();
            if (fromScript != groups.ToString(System.Globalization.CultureInfo.InvariantCulture) || trivial != "42")
            {
                Console.Error.WriteLine($"smoke: script benchmarks disagree (sql {groups} groups, script {fromScript}, trivial {trivial})");
                return 1;
            }

            Console.WriteLine($"smoke: script benchmarks ran ({clock.ElapsedMilliseconds} ms)");
            return 0;
        }
        finally
        {
            scripts.Cleanup();
        }
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
