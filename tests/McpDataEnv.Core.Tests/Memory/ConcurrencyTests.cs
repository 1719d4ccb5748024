using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

/// <summary>Two stores on one file, as two server processes spawned by two desktop clients would have.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task Parallel_edits_with_the_same_expected_version_have_exactly_one_winner()
    {
        var first = context.Service;
        var second = context.SecondService();
        await first.EditCoreAsync(MemoryTestContext.Alice, "plan", "v1", null, MemoryTestContext.Tool);

        for (var round = 0; round < 20; round++)
        {
            var expected = round + 1;
            using var start = new ManualResetEventSlim();
            var attempts = new[] { first, second, first, second }
                .Select((service, i) => Task.Run(async () =>
                {
                    start.Wait();
                    try
                    {
                        await service.EditCoreAsync(MemoryTestContext.Alice, "plan", $"round {round} writer {i}", expected, MemoryTestContext.Tool);
                        return "won";
                    }
                    catch (DataEnvException e) when (e.Code == ErrorCodes.VersionConflict)
                    {
                        return "conflict";
                    }
                }))
                .ToList();
            start.Set();
            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(o => o == "won").Should().Be(1, $"round {round}");
            outcomes.Count(o => o == "conflict").Should().Be(3, $"round {round}");
        }

        var history = await second.GetHistoryAsync(MemoryTestContext.Alice, "plan");
        history.Select(r => r.Version).Should().Equal(Enumerable.Range(1, 21).Select(v => (long)v));
    }

    [Fact]
    public async Task Parallel_archives_from_two_stores_all_land()
    {
        var services = new[] { context.Service, context.SecondService() };

        var writes = services
            .SelectMany((service, s) => Enumerable.Range(0, 500).Select(i => (service, text: $"writer {s} passage {i}")))
            .Select(w => Task.Run(() => w.service.ArchiveAsync(MemoryTestContext.Alice, w.text, ["load"], MemoryTestContext.Tool)))
            .ToList();
        var ids = (await Task.WhenAll(writes)).Select(r => r.Id).ToList();

        ids.Should().OnlyHaveUniqueItems().And.HaveCount(1_000);
        var listing = await services[1].SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tags: ["load"], Limit: 1));
        listing.Total.Should().Be(1_000);
        // Both writers' rows are in the full-text index (a broad text query would only rank the newest RankWindow matches).
        var found = await services[0].SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("499", Limit: 50));
        found.Hits.Select(h => h.Content).Should().BeEquivalentTo("writer 0 passage 499", "writer 1 passage 499");
    }

    [Fact]
    public async Task Writes_refused_inside_a_shared_commit_change_nothing_and_never_affect_the_others()
    {
        var operations = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            if (i % 3 == 0)
            {
                var missing = () => context.Service.ArchiveCoreBlockAsync(MemoryTestContext.Alice, $"missing{i}", null, MemoryTestContext.Tool);
                (await missing.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
                return null;
            }

            return (await context.Service.ArchiveAsync(MemoryTestContext.Alice, $"kept {i}", ["mixed"], MemoryTestContext.Tool)).Id;
        }));

        var ids = (await Task.WhenAll(operations)).OfType<string>().ToList();

        ids.Should().HaveCount(200).And.OnlyHaveUniqueItems();
        (await context.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tags: ["mixed"]))).Total.Should().Be(200);
        (await context.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tier: MemoryTier.Archival))).Total.Should().Be(200);
    }
}
