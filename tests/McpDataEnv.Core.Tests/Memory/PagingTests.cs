using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class PagingTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    private MemoryService Memory => context.Service;

    public void Dispose() => context.Dispose();

    [Theory]
    [InlineData("sales")]
    [InlineData("")]
    public async Task Paging_to_the_end_returns_every_hit_exactly_once_even_while_writes_happen(string query)
    {
        var expected = new HashSet<string>();
        for (var i = 0; i < 47; i++)
        {
            expected.Add(await Archive($"sales note {i} " + string.Concat(Enumerable.Repeat("sales ", i % 5))));
        }

        var seen = new List<string>();
        var page = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(query, MemoryTier.Archival, Limit: 10));
        seen.AddRange(page.Hits.Select(h => h.Id));
        var pages = 1;
        while (page.NextCursor is { } cursor)
        {
            // New passages shift bm25 statistics and recency order; the frozen ranking must not.
            for (var i = 0; i < 5; i++)
            {
                context.Clock.Advance(TimeSpan.FromSeconds(1));
                await Archive("sales sales sales fresh note");
            }

            page = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Limit: 10, Cursor: cursor));
            seen.AddRange(page.Hits.Select(h => h.Id));
            pages++;
        }

        pages.Should().Be(5);
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task A_cursor_is_refused_for_another_principal()
    {
        for (var i = 0; i < 3; i++)
        {
            await Archive($"note {i}");
        }

        var page = await Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Limit: 1));

        var bob = () => Memory.SearchAsync(MemoryTestContext.Bob, new MemorySearchRequest(Cursor: page.NextCursor));
        (await bob.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("bTE6QUJDOjE")]
    [InlineData("%%%")]
    public async Task An_unknown_cursor_asks_to_search_again(string cursor)
    {
        var search = () => Memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest(Cursor: cursor));

        var error = (await search.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.InvalidArgument);
        error.Message.Should().Contain("search again");
    }

    private async Task<string> Archive(string content) =>
        (await Memory.ArchiveAsync(MemoryTestContext.Alice, content, null, MemoryTestContext.Tool)).Id;
}
