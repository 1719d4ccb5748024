using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class ArchiveTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    private MemoryService Memory => context.Service;

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task Archive_stores_a_passage_with_tags_and_provenance()
    {
        var provenance = new MemoryProvenance("memory_archive", "req-7", MemorySources.VerifiedMetric);

        var archived = await Memory.ArchiveAsync(MemoryTestContext.Alice, "Net revenue 2024 was 1.2M", ["Revenue", "fy2024", "revenue"], provenance);

        archived.Id.Should().MatchRegex("^p_[0-9A-HJKMNP-TV-Z]{26}$");
        var hit = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("revenue"))).Hits.Single();
        hit.Should().Match<MemoryHit>(h => h.Id == archived.Id && h.Tier == MemoryTier.Archival && h.CreatedBy == "alice"
            && h.Source == "verified_metric" && h.CreatedAt == context.Clock.GetUtcNow());
        hit.Tags.Should().Equal("revenue", "fy2024");
    }

    [Fact]
    public async Task Archiving_a_core_block_moves_its_text_into_a_passage_clears_the_block_and_records_it_in_history()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "findings", "Churn peaks in February", null, MemoryTestContext.Tool);

        var archived = await Memory.ArchiveCoreBlockAsync(MemoryTestContext.Alice, "findings", ["churn"], new MemoryProvenance("memory_archive_core", "req-9"));

        (await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice)).Should().BeEmpty();
        var hit = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("churn"))).Hits.Should().ContainSingle().Subject;
        hit.Should().Match<MemoryHit>(h => h.Id == archived.Id && h.Content == "Churn peaks in February" && h.Source == "core_block:findings");
        var last = (await Memory.GetHistoryAsync(MemoryTestContext.Alice, "findings")).Last();
        last.Should().Match<CoreRevision>(r => r.Version == 2 && r.Action == "archive" && r.OldValue == "Churn peaks in February"
            && r.NewValue == "" && r.PassageId == archived.Id && r.RequestId == "req-9");
    }

    [Fact]
    public async Task An_archived_block_can_be_written_again_with_its_next_version()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "findings", "old", null, MemoryTestContext.Tool);
        await Memory.ArchiveCoreBlockAsync(MemoryTestContext.Alice, "findings", null, MemoryTestContext.Tool);

        var result = await Memory.EditCoreAsync(MemoryTestContext.Alice, "findings", "new", 2, MemoryTestContext.Tool);

        result.Version.Should().Be(3);
    }

    [Fact]
    public async Task Archiving_an_empty_or_missing_core_block_is_not_found()
    {
        var missing = () => Memory.ArchiveCoreBlockAsync(MemoryTestContext.Alice, "nothing_here", null, MemoryTestContext.Tool);

        (await missing.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("Top customer is jane.doe@example.com", "no_email")]
    [InlineData("Call the store manager on +44 20 7946 0958", "no_phone")]
    public async Task Content_rules_refuse_pii_naming_the_rule_and_change_nothing(string content, string rule)
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "notes", "clean", null, MemoryTestContext.Tool);

        var archive = () => Memory.ArchiveAsync(MemoryTestContext.Alice, content, null, MemoryTestContext.Tool);
        var edit = () => Memory.EditCoreAsync(MemoryTestContext.Alice, "notes", content, null, MemoryTestContext.Tool);

        foreach (var write in new Func<Task>[] { archive, edit })
        {
            var error = (await write.Should().ThrowAsync<DataEnvException>()).Which;
            error.Code.Should().Be(ErrorCodes.AccessDenied);
            error.Message.Should().Contain(rule);
            error.Details["rule"].Should().Be(rule);
        }

        (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tier: MemoryTier.Archival))).Hits.Should().BeEmpty();
        (await Memory.GetHistoryAsync(MemoryTestContext.Alice, "notes")).Should().ContainSingle();
    }

    [Fact]
    public async Task Archive_refuses_a_passage_over_the_size_limit()
    {
        var archive = () => Memory.ArchiveAsync(MemoryTestContext.Alice, new string('x', context.Settings.MaxPassageChars + 1), null, MemoryTestContext.Tool);

        (await archive.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.LimitExceeded);
    }

    [Fact]
    public async Task The_rate_limit_is_shared_by_every_store_on_the_file_and_refused_writes_do_not_count()
    {
        using var limited = new MemoryTestContext(Core.Environments.MemorySettings.Defaults with { WritesPerMinute = 3 });
        var other = limited.SecondService();
        await limited.Service.ArchiveAsync(MemoryTestContext.Alice, "one", null, MemoryTestContext.Tool);
        await other.EditCoreAsync(MemoryTestContext.Alice, "k", "two", null, MemoryTestContext.Tool);
        var conflict = () => other.EditCoreAsync(MemoryTestContext.Alice, "k", "stale", 7, MemoryTestContext.Tool);
        (await conflict.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.VersionConflict);
        await other.ArchiveAsync(MemoryTestContext.Alice, "three", null, MemoryTestContext.Tool);

        var fourth = () => limited.Service.ArchiveAsync(MemoryTestContext.Alice, "four", null, MemoryTestContext.Tool);

        (await fourth.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task Writes_beyond_the_per_principal_rate_are_refused_until_a_minute_passed()
    {
        using var limited = new MemoryTestContext(Core.Environments.MemorySettings.Defaults with { WritesPerMinute = 3 });
        await limited.Service.ArchiveAsync(MemoryTestContext.Alice, "one", null, MemoryTestContext.Tool);
        await limited.Service.EditCoreAsync(MemoryTestContext.Alice, "k", "two", null, MemoryTestContext.Tool);
        await limited.Service.ArchiveAsync(MemoryTestContext.Alice, "three", null, MemoryTestContext.Tool);

        var fourth = () => limited.Service.ArchiveAsync(MemoryTestContext.Alice, "four", null, MemoryTestContext.Tool);

        (await fourth.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.RateLimited);
        await limited.Service.ArchiveAsync(MemoryTestContext.Bob, "bob has his own budget", null, MemoryTestContext.Tool);
        limited.Clock.Advance(TimeSpan.FromSeconds(61));
        await limited.Service.ArchiveAsync(MemoryTestContext.Alice, "four", null, MemoryTestContext.Tool);
        (await limited.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tier: MemoryTier.Archival))).Total.Should().Be(3);
    }
}
