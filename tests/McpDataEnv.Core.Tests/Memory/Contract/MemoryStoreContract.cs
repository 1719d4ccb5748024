using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory.Contract;

/// <summary>
/// The specification every <see cref="IMemoryStore"/> must meet, run against each real store (SQLite file, PostgreSQL
/// schema) through <see cref="MemoryService"/>: versions, conflicts, revisions, block count, rate, search, paging, scope.
/// </summary>
public abstract class MemoryStoreContract : IAsyncLifetime
{
    private static readonly MemoryScope Alice = MemoryTestContext.Alice;
    private static readonly MemoryScope Bob = MemoryTestContext.Bob;
    private static readonly MemoryProvenance Tool = MemoryTestContext.Tool;
    private readonly List<IMemoryStore> stores = [];

    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Opens another independent store on the same backing storage (as a second server process would).</summary>
    protected abstract IMemoryStore OpenStore();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            if (store is IAsyncDisposable a) await a.DisposeAsync();
            else (store as IDisposable)?.Dispose();
        }

        await CleanUpAsync();
    }

    private MemoryService Service(MemorySettings? settings = null)
    {
        var store = OpenStore();
        stores.Add(store);
        return new MemoryService(store, settings ?? MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryTestContext.DemoRules, Clock);
    }

    [Fact]
    public async Task Edits_version_a_block_and_history_keeps_every_value()
    {
        var memory = Service();
        (await memory.EditCoreAsync(Alice, "prefs", "EUR", null, Tool)).Should().Be(new CoreEditResult("prefs", 1, 0, 3, 2_000));
        (await memory.EditCoreAsync(Alice, "prefs", "USD", 1, Tool)).Should().Be(new CoreEditResult("prefs", 2, 1, 3, 2_000));

        var history = await memory.GetHistoryAsync(Alice, "prefs");
        history.Select(r => (r.Version, r.Action, r.OldValue, r.NewValue)).Should().Equal((1L, "create", "", "EUR"), (2L, "edit", "EUR", "USD"));
        history.Should().AllSatisfy(r => r.Should().Match<CoreRevision>(x => x.Principal == "alice" && x.Tool == Tool.Tool && x.RequestId == Tool.RequestId));
        (await memory.GetCoreBlocksAsync(Alice)).Single().Should().Match<CoreBlock>(b => b.Value == "USD" && b.Version == 2 && b.UpdatedBy == "alice");
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(0L)]
    [InlineData(7L)]
    public async Task A_stale_expected_version_is_a_conflict_naming_the_current_version_and_changes_nothing(long stale)
    {
        var memory = Service();
        await memory.EditCoreAsync(Alice, "facts", "a", null, Tool);
        await memory.EditCoreAsync(Alice, "facts", "b", 1, Tool);

        var error = (await FluentActions.Awaiting(() => memory.EditCoreAsync(Alice, "facts", "c", stale, Tool)).Should().ThrowAsync<DataEnvException>()).Which;

        error.Code.Should().Be(ErrorCodes.VersionConflict);
        error.Details["current_version"].Should().Be(2L);
        (await memory.GetHistoryAsync(Alice, "facts")).Should().HaveCount(2);
    }

    [Fact]
    public async Task The_block_count_is_enforced_and_editing_an_existing_block_still_works()
    {
        var memory = Service(MemorySettings.Defaults with { WritesPerMinute = 0, MaxCoreBlocks = 2 });
        await memory.EditCoreAsync(Alice, "a", "1", null, Tool);
        await memory.EditCoreAsync(Alice, "b", "2", null, Tool);

        var error = (await FluentActions.Awaiting(() => memory.EditCoreAsync(Alice, "c", "3", null, Tool)).Should().ThrowAsync<DataEnvException>()).Which;

        error.Code.Should().Be(ErrorCodes.LimitExceeded);
        (await memory.EditCoreAsync(Alice, "a", "1b", null, Tool)).Version.Should().Be(2);
        (await memory.EditCoreAsync(Bob, "c", "3", null, Tool)).Version.Should().Be(1, "the count is per principal");
    }

    [Fact]
    public async Task Archiving_a_block_moves_its_text_into_a_passage_clears_it_and_records_the_passage()
    {
        var memory = Service();
        await memory.EditCoreAsync(Alice, "draft", "APAC churn rose in Q3", null, Tool);

        var archived = await memory.ArchiveCoreBlockAsync(Alice, "draft", ["churn"], Tool);

        (await memory.GetCoreBlocksAsync(Alice)).Should().BeEmpty();
        var passage = await memory.GetPassageAsync(Alice, archived.Id);
        passage.Should().Match<MemoryHit>(h => h.Content == "APAC churn rose in Q3" && h.Source == "core_block:draft" && h.Tags.SequenceEqual(new[] { "churn" }));
        (await memory.GetHistoryAsync(Alice, "draft")).Last().Should().Match<CoreRevision>(r => r.Action == "archive" && r.PassageId == archived.Id && r.NewValue == "");
        (await FluentActions.Awaiting(() => memory.ArchiveCoreBlockAsync(Alice, "draft", null, Tool)).Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_write_rate_is_limited_per_principal_and_recovers_after_a_minute()
    {
        var memory = Service(MemorySettings.Defaults with { WritesPerMinute = 3 });
        for (var i = 0; i < 3; i++)
        {
            await memory.ArchiveAsync(Alice, $"note {i}", null, Tool);
        }

        (await FluentActions.Awaiting(() => memory.ArchiveAsync(Alice, "one too many", null, Tool)).Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.RateLimited);
        await memory.ArchiveAsync(Bob, "bob has his own budget", null, Tool);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await memory.ArchiveAsync(Alice, "later", null, Tool);
        (await memory.SearchAsync(Alice, new MemorySearchRequest(Limit: 50))).Total.Should().Be(4, "the refused write left nothing behind");
    }

    [Fact]
    public async Task Search_ranks_matches_filters_by_all_tags_and_dates_and_carries_provenance()
    {
        var memory = Service();
        var early = await memory.ArchiveAsync(Alice, "Refund rate in EMEA doubled after the returns policy change", ["refunds", "emea"], Tool);
        Clock.Advance(TimeSpan.FromDays(2));
        var late = await memory.ArchiveAsync(Alice, "Refund rate stable in APAC", ["refunds"], Tool);
        await memory.ArchiveAsync(Alice, "Inventory turnover improved", ["inventory"], Tool);

        var refunds = await memory.SearchAsync(Alice, new MemorySearchRequest("refund EMEA"));
        var tagged = await memory.SearchAsync(Alice, new MemorySearchRequest("refund", Tags: ["refunds", "emea"]));
        var recent = await memory.SearchAsync(Alice, new MemorySearchRequest("refund", Since: Clock.GetUtcNow().AddDays(-1)));
        var older = await memory.SearchAsync(Alice, new MemorySearchRequest("refund", Until: Clock.GetUtcNow().AddDays(-1)));

        refunds.Hits.Select(h => h.Id).Should().Equal(early.Id, late.Id);
        refunds.Hits[0].Score.Should().BeGreaterThan(refunds.Hits[1].Score);
        refunds.Hits.Should().AllSatisfy(h => h.Should().Match<MemoryHit>(x => x.CreatedBy == "alice" && x.Source == MemorySources.Note && x.Tier == MemoryTier.Archival));
        tagged.Hits.Select(h => h.Id).Should().Equal(early.Id);
        recent.Hits.Select(h => h.Id).Should().Equal(late.Id);
        older.Hits.Select(h => h.Id).Should().Equal(early.Id);
    }

    [Fact]
    public async Task An_empty_query_lists_both_tiers_newest_first()
    {
        var memory = Service();
        var first = await memory.ArchiveAsync(Alice, "first", null, Tool);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await memory.EditCoreAsync(Alice, "prefs", "EUR", null, Tool);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await memory.ArchiveAsync(Alice, "third", null, Tool);

        var listed = await memory.SearchAsync(Alice, new MemorySearchRequest(Limit: 10));

        listed.Hits.Select(h => h.Id).Should().Equal(third.Id, "core:prefs", first.Id);
        listed.Hits[1].Should().Match<MemoryHit>(h => h.Tier == MemoryTier.Core && h.Key == "prefs" && h.Version == 1);
    }

    [Theory]
    [InlineData("revenue & !(x) | 'q' \" : * <-> NEAR( OR")]
    [InlineData("'; DROP TABLE passages; --")]
    [InlineData("***")]
    public async Task Query_syntax_in_user_text_is_plain_words(string query)
    {
        var memory = Service();
        await memory.ArchiveAsync(Alice, "Net revenue grew", null, Tool);

        var result = await memory.SearchAsync(Alice, new MemorySearchRequest(query));

        result.Hits.Should().NotBeNull();
        if (query.StartsWith("revenue", StringComparison.Ordinal))
        {
            result.Hits.Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Paging_reaches_the_end_without_duplicates_or_gaps_while_writes_continue()
    {
        var memory = Service();
        var written = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            written.Add((await memory.ArchiveAsync(Alice, $"margin review week {i}", null, Tool)).Id);
        }

        var seen = new List<string>();
        var page = await memory.SearchAsync(Alice, new MemorySearchRequest("margin", Limit: 5));
        seen.AddRange(page.Hits.Select(h => h.Id));
        await memory.ArchiveAsync(Alice, "margin note written while paging", null, Tool);
        while (page.NextCursor is { } cursor)
        {
            page = await memory.SearchAsync(Alice, new MemorySearchRequest(Cursor: cursor, Limit: 5));
            seen.AddRange(page.Hits.Select(h => h.Id));
        }

        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(written);
    }

    [Fact]
    public async Task A_principal_never_sees_another_principals_memory()
    {
        var memory = Service();
        var secret = await memory.ArchiveAsync(Alice, "Alice pricing hypothesis", null, Tool);
        await memory.EditCoreAsync(Alice, "plan", "Alice pricing plan", null, Tool);

        (await memory.SearchAsync(Bob, new MemorySearchRequest("pricing"))).Hits.Should().BeEmpty();
        (await memory.SearchAsync(Bob, new MemorySearchRequest())).Hits.Should().BeEmpty();
        (await memory.GetCoreBlocksAsync(Bob)).Should().BeEmpty();
        (await memory.GetHistoryAsync(Bob, "plan")).Should().BeEmpty();
        (await FluentActions.Awaiting(() => memory.GetPassageAsync(Bob, secret.Id)).Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Two_stores_editing_with_the_same_expected_version_give_exactly_one_winner()
    {
        var (a, b) = (Service(), Service());
        await a.EditCoreAsync(Alice, "race", "start", null, Tool);

        var attempts = Enumerable.Range(0, 12).Select(i => Attempt((i % 2 == 0 ? a : b).EditCoreAsync(Alice, "race", $"writer {i}", 1, Tool)));
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o is null).Should().Be(1);
        outcomes.Where(o => o is not null).Should().AllSatisfy(o => o!.Code.Should().Be(ErrorCodes.VersionConflict));
        (await a.GetHistoryAsync(Alice, "race")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Concurrent_archives_from_two_stores_all_land()
    {
        var (a, b) = (Service(), Service());

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? a : b).ArchiveAsync(Alice, $"burst note {i}", ["burst"], Tool)));

        var found = await a.SearchAsync(Alice, new MemorySearchRequest(Tags: ["burst"], Limit: 50));
        var all = found.Hits.Select(h => h.Id).ToList();
        var next = found.NextCursor;
        while (next is not null)
        {
            var page = await a.SearchAsync(Alice, new MemorySearchRequest(Cursor: next, Limit: 50));
            all.AddRange(page.Hits.Select(h => h.Id));
            next = page.NextCursor;
        }

        all.Should().BeEquivalentTo(ids.Select(r => r.Id));
    }

    [Fact]
    public async Task A_verified_metric_is_archived_with_both_values_the_sql_and_the_script_hash()
    {
        var memory = Service();

        var archived = await memory.ArchiveVerifiedMetricAsync(
            Alice, new VerifiedMetric("Net Revenue 2025", 1234567.89m, 1234567.90m, "SELECT SUM(amount) FROM orders", "var x = 1;"), new MemoryProvenance("triangulate_metric", "7"));

        var passage = await memory.GetPassageAsync(Alice, archived.Id);
        passage.Source.Should().Be(MemorySources.VerifiedMetric);
        passage.Tags.Should().Equal("verified", "metric:net_revenue_2025");
        passage.Content.Should().Contain("1234567.89").And.Contain("1234567.90").And.Contain("SELECT SUM(amount) FROM orders")
            .And.Contain("script_sha256: f677d6b770cd4f5e28fad6423f762295f2f04eb84b23df1ea9b37af3d07b6a36").And.NotContain("var x");
        (await memory.SearchAsync(Alice, new MemorySearchRequest(Tags: ["verified"]))).Hits.Select(h => h.Id).Should().Equal(archived.Id);
    }

    [Fact]
    public async Task A_shared_scope_records_who_wrote_each_change_and_a_search_over_several_scopes_labels_every_hit()
    {
        var memory = Service();
        var team = MemoryScope.Shared("retail", "team");
        await memory.EditCoreAsync(team, "glossary", "Net revenue excludes refunds", null, Tool with { Writer = "alice" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        await memory.EditCoreAsync(team, "glossary", "Net revenue excludes refunds and tax", 1, Tool with { Writer = "bob" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var churn = await memory.ArchiveAsync(team, "Churned revenue: customers without an order in 90 days", null, Tool with { Writer = "bob" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var own = await memory.ArchiveAsync(Alice, "Alice's private revenue hunch", null, Tool);
        await memory.ArchiveAsync(Bob, "Bob's private revenue hunch", null, Tool);

        (await memory.GetHistoryAsync(team, "glossary")).Select(r => (r.Principal, r.NewValue))
            .Should().Equal(("alice", "Net revenue excludes refunds"), ("bob", "Net revenue excludes refunds and tax"));
        (await memory.GetCoreBlocksAsync(team)).Single().UpdatedBy.Should().Be("bob");
        (await memory.GetCoreBlocksAsync(Alice)).Should().BeEmpty("a shared block is not part of anyone's private memory");

        var hits = (await memory.SearchAsync([Alice, team], new MemorySearchRequest("revenue"))).Hits;
        hits.Select(h => (h.Id, h.Scope, h.CreatedBy)).Should().BeEquivalentTo(
            [(own.Id, "private", "alice"), (churn.Id, "shared:team", "bob"), ("core:glossary", "shared:team", "bob")]);

        var newestFirst = (await memory.SearchAsync([Alice, team], new MemorySearchRequest())).Hits.Select(h => h.Id);
        newestFirst.Should().Equal(own.Id, churn.Id, "core:glossary");

        var paged = new List<string>();
        var page = await memory.SearchAsync([Alice, team], new MemorySearchRequest("revenue", Limit: 1));
        paged.AddRange(page.Hits.Select(h => h.Id));
        while (page.NextCursor is { } cursor)
        {
            page = await memory.SearchAsync([Alice, team], new MemorySearchRequest(Cursor: cursor, Limit: 1));
            paged.AddRange(page.Hits.Select(h => h.Id));
        }

        paged.Should().BeEquivalentTo(hits.Select(h => h.Id)).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Shared_writes_are_charged_to_the_writer_and_must_name_one()
    {
        var memory = Service(MemorySettings.Defaults with { WritesPerMinute = 2 });
        var team = MemoryScope.Shared("retail", "team");
        await memory.ArchiveAsync(team, "first shared note", null, Tool with { Writer = "alice" });
        await memory.ArchiveAsync(team, "second shared note", null, Tool with { Writer = "alice" });

        (await Attempt(memory.ArchiveAsync(Alice, "alice's budget is spent", null, Tool)))!.Code.Should().Be(ErrorCodes.RateLimited);
        await memory.ArchiveAsync(team, "bob still has his own budget", null, Tool with { Writer = "bob" });
        await FluentActions.Awaiting(() => memory.ArchiveAsync(team, "who wrote this?", null, Tool)).Should().ThrowAsync<ArgumentException>();
    }

    private static async Task<DataEnvException?> Attempt(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (DataEnvException error)
        {
            return error;
        }
    }
}
