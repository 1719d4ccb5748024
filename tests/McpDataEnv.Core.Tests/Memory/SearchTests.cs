using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class SearchTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    private MemoryService Memory => context.Service;

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task A_passage_with_more_and_rarer_matching_terms_ranks_higher()
    {
        await Archive("Quarterly revenue report for the northern stores");
        await Archive("Revenue grew while refund rates fell sharply in March");
        await Archive("Revenue notes");
        var best = await Archive("Refund fraud spike: refund rates tripled at store 12");

        var result = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("refund fraud revenue", Limit: 10));
        var hits = result.Hits;

        result.Capped.Should().BeFalse();
        hits.Should().HaveCount(4);
        hits[0].Id.Should().Be(best);
        hits.Select(h => h.Score).Should().BeInDescendingOrder();
        hits.Should().OnlyContain(h => h.Score > 0);
    }

    [Fact]
    public async Task Search_covers_core_blocks_and_passages_unless_a_tier_is_chosen()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "glossary", "margin means gross margin after refunds", null, MemoryTestContext.Tool);
        await Archive("margin by region was computed with the refunds view");

        var all = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("margin"));
        var core = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("margin", MemoryTier.Core));
        var archival = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("margin", MemoryTier.Archival));

        all.Hits.Select(h => h.Tier).Should().BeEquivalentTo([MemoryTier.Core, MemoryTier.Archival]);
        core.Hits.Should().ContainSingle().Which.Should().Match<MemoryHit>(h => h.Id == "core:glossary" && h.Key == "glossary" && h.Version == 1);
        archival.Hits.Should().ContainSingle().Which.Tier.Should().Be(MemoryTier.Archival);
    }

    [Fact]
    public async Task Tags_filter_keeps_passages_carrying_all_given_tags()
    {
        var both = await Archive("weekly sales", "sales", "weekly");
        await Archive("weekly stock", "stock", "weekly");
        await Archive("monthly sales", "sales");

        var hits = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Tags: ["weekly", "SALES"]))).Hits;

        hits.Should().ContainSingle().Which.Id.Should().Be(both);
    }

    [Fact]
    public async Task Since_is_inclusive_and_until_exclusive()
    {
        var start = context.Clock.GetUtcNow();
        await Archive("day zero note");
        context.Clock.Advance(TimeSpan.FromDays(1));
        var dayOne = await Archive("day one note");
        context.Clock.Advance(TimeSpan.FromDays(1));
        await Archive("day two note");

        var hits = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("note", Since: start.AddDays(1), Until: start.AddDays(2)))).Hits;

        hits.Should().ContainSingle().Which.Id.Should().Be(dayOne);
    }

    [Fact]
    public async Task An_empty_query_lists_the_most_recent_first()
    {
        var first = await Archive("first");
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Archive("second");
        var third = await Archive("third");

        var hits = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(" ", MemoryTier.Archival))).Hits;

        hits.Select(h => h.Id).Should().Equal(third, second, first);
    }

    [Theory]
    [InlineData("revenue \"2024")]
    [InlineData("AND OR NEAR(")]
    [InlineData("revenue* NOT ^col:")]
    [InlineData("\"\"\"")]
    [InlineData("content:revenue")]
    [InlineData("(((")]
    [InlineData("'; DROP TABLE passages; --")]
    [InlineData("rev\u0000enue")]
    public async Task Hostile_query_text_never_causes_a_syntax_error(string query)
    {
        await Archive("revenue 2024 and more: near the content column");

        var search = () => Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(query));

        await search.Should().NotThrowAsync();
        (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest())).Total.Should().Be(1);
    }

    [Fact]
    public async Task Long_content_is_cut_in_hits_with_a_marker_and_readable_in_full_by_id()
    {
        await Archive("needle " + new string('x', 5_000));

        var hit = (await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("needle"))).Hits.Single();

        hit.Truncated.Should().BeTrue();
        hit.Content.Length.Should().BeLessThan(MemoryService.HitContentChars + 60);
        hit.Content.Should().EndWith("[truncated: 5007 characters in total]");
        var full = await Memory.GetPassageAsync(MemoryTestContext.Alice, hit.Id);
        full.Content.Should().HaveLength(5_007);
        full.Truncated.Should().BeFalse();
        var bob = () => Memory.GetPassageAsync(MemoryTestContext.Bob, hit.Id);
        (await bob.Should().ThrowAsync<Core.Errors.DataEnvException>()).Which.Code.Should().Be(Core.Errors.ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_principal_never_finds_another_principals_passages()
    {
        await Archive("alice's secret revenue analysis");
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "plan", "revenue plan", null, MemoryTestContext.Tool);

        var bob = await Memory.SearchAsync(MemoryTestContext.Bob, new MemorySearchRequest("revenue"));
        var bobRecent = await Memory.SearchAsync(MemoryTestContext.Bob, new MemorySearchRequest());

        bob.Hits.Should().BeEmpty();
        bobRecent.Hits.Should().BeEmpty();
    }

    [Fact]
    public async Task The_limit_defaults_from_settings_and_is_capped_by_the_maximum()
    {
        for (var i = 0; i < 60; i++)
        {
            await Archive($"note {i}");
        }

        var defaultPage = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("note"));
        var hugePage = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("note", Limit: 10_000));

        defaultPage.Hits.Should().HaveCount(context.Settings.SearchDefaultLimit);
        hugePage.Hits.Should().HaveCount(context.Settings.SearchMaxLimit);
        hugePage.NextCursor.Should().NotBeNull();
    }

    [Fact]
    public async Task A_query_broader_than_the_rank_window_ranks_the_newest_matches_and_the_core_blocks_and_says_so()
    {
        using var small = new MemoryTestContext(options: new SqliteMemoryStoreOptions(RankWindow: 5));
        var oldest = (await small.Service.ArchiveAsync(MemoryTestContext.Alice, "sales sales sales sales", null, MemoryTestContext.Tool)).Id;
        var newer = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            small.Clock.Advance(TimeSpan.FromSeconds(1));
            newer.Add((await small.Service.ArchiveAsync(MemoryTestContext.Alice, $"sales note {i}", null, MemoryTestContext.Tool)).Id);
        }

        await small.Service.EditCoreAsync(MemoryTestContext.Alice, "glossary", "sales means net sales", null, MemoryTestContext.Tool);

        var result = await small.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("sales", Limit: 50));

        result.Capped.Should().BeTrue();
        result.Hits.Where(h => h.Tier == MemoryTier.Archival).Select(h => h.Id).Should().BeEquivalentTo(newer.TakeLast(5));
        result.Hits.Should().Contain(h => h.Id == "core:glossary");
        result.Hits.Should().NotContain(h => h.Id == oldest);
    }

    [Fact]
    public async Task In_a_large_store_a_term_in_most_passages_is_left_out_of_the_ranking_and_that_is_reported()
    {
        using var large = new MemoryTestContext(options: new SqliteMemoryStoreOptions(BroadTermMinRows: 10));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            large.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await large.Service.ArchiveAsync(MemoryTestContext.Alice, i == 3 ? "sales fraud" : $"sales note {i}", null, MemoryTestContext.Tool)).Id);
        }

        var focused = await large.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("sales fraud", Limit: 50));
        var broad = await large.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("sales", Limit: 50));
        var broadAndAbsent = await large.Service.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("sales unheardof", Limit: 50));

        focused.Hits.Should().ContainSingle().Which.Id.Should().Be(ids[3]);
        focused.Capped.Should().BeTrue();
        broad.Hits.Select(h => h.Id).Should().Equal(Enumerable.Reverse(ids));
        broad.Capped.Should().BeTrue();
        broadAndAbsent.Hits.Should().HaveCount(12, "an absent term must not hide the matches of a broad one");
    }

    private async Task<string> Archive(string content, params string[] tags) =>
        (await Memory.ArchiveAsync(MemoryTestContext.Alice, content, tags, MemoryTestContext.Tool)).Id;
}
