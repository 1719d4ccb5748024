using System.Collections.Concurrent;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.Http;

/// <summary>Two stateless replicas against one PostgreSQL serve the same clients with no lost memory writes.</summary>
public sealed class StatelessReplicasTests : IClassFixture<PostgresRetailEnvironment>, IDisposable
{
    private const int Clients = 8;
    private const int ArchivesPerClient = 50;
    private readonly PostgresRetailEnvironment _pg;
    private readonly ScratchFolder _root = new();

    public StatelessReplicasTests(PostgresRetailEnvironment pg) => _pg = pg;

    [Fact]
    public async Task Alternating_clients_lose_no_archive_and_each_version_race_has_one_winner()
    {
        var folder = PrepareEnvironment();
        var env = new Dictionary<string, string> { ["MCPDATAENV_PG"] = _pg.ServerConnectionString };
        await using var a = await HttpReplica.StartAsync(folder, env);
        await using var b = await HttpReplica.StartAsync(folder, env);
        HttpReplica[] replicas = [a, b];
        var run = Guid.NewGuid().ToString("n")[..8];
        var key = "race." + run;
        var first = await a.CallAsync("memory_edit", new { key, new_value = "v1" });
        first.IsError().Should().BeFalse(first.Text() + a.Stderr);

        var acknowledged = new ConcurrentDictionary<string, (int Client, string Id)>();
        var edits = new ConcurrentBag<(long Expected, bool Won, string? Code)>();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < ArchivesPerClient; i++)
            {
                // Every request goes to the other replica than the previous one.
                var replica = replicas[(client + i) % 2];
                var content = $"Replica note {i} of client {client} run {run}";
                var result = await replica.CallAsync("memory_archive", new { content, tags = new[] { $"c{client}-{run}" } });
                if (!result.IsError())
                {
                    acknowledged[content] = (client, result.Structured()["id"]!.GetValue<string>());
                }

                if (i % 10 == 0)
                {
                    // Every client races for the same version of one core block, on alternating replicas.
                    var expected = 1 + (i / 10);
                    var edit = await replicas[(client + i + 1) % 2].CallAsync("memory_edit", new { key, new_value = $"client {client} at {i}", expected_version = expected });
                    edits.Add((expected, !edit.IsError(), edit.IsError() ? edit.ErrorCode() : null));
                }
            }
        })));

        acknowledged.Should().HaveCount(Clients * ArchivesPerClient, "no archive may be refused or lost under load");
        foreach (var replica in replicas)
        {
            for (var client = 0; client < Clients; client++)
            {
                var search = (await replica.CallAsync("memory_search", new { tags = new[] { $"c{client}-{run}" }, tier = "archival", limit = 100 })).Structured();
                var found = search["hits"]!.AsArray().Select(h => h!["id"]!.GetValue<string>()).ToList();
                found.Should().BeEquivalentTo(acknowledged.Values.Where(v => v.Client == client).Select(v => v.Id),
                    $"every acknowledged archive of client {client} is searchable from {replica.BaseUrl}");
            }
        }

        edits.Where(e => !e.Won).Should().OnlyContain(e => e.Code == "version_conflict");
        foreach (var version in edits.GroupBy(e => e.Expected))
        {
            version.Count(e => e.Won).Should().BeLessThanOrEqualTo(1, $"at most one write with expected_version {version.Key} wins");
        }

        edits.Where(e => e.Expected == 1).Should().HaveCount(Clients).And.ContainSingle(e => e.Won, "all clients raced for version 1: exactly one wins");
        var wins = edits.Count(e => e.Won);
        var block = (await b.CallAsync("memory_search", new { query = "", tier = "core", limit = 100 })).Structured()["hits"]!.AsArray()
            .Single(h => h!["key"]?.GetValue<string>() == key)!;
        block["version"]!.GetValue<long>().Should().Be(1 + wins, "every winning edit, and only those, made a version");
    }

    public void Dispose() => _root.Dispose();

    // A private copy of retail-postgres (and the retail files it points to) with the per-principal write and request
    // budgets raised: every client here is the one anonymous principal, and the test is about lost writes, not budgets.
    private string PrepareEnvironment()
    {
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, _root.Child("retail"));
        var folder = _root.Child("retail-postgres");
        SeededEnvironment.CopyFolder(PostgresRetailEnvironment.Folder, folder);
        File.AppendAllText(Path.Combine(folder, "environment.yaml"), """

            memory: { writes_per_minute: 100000, search_max_limit: 100 }
            http: { requests_per_minute: 100000 }
            """);
        return folder;
    }
}
