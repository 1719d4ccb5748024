using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

public sealed class CoreMemoryTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    private MemoryService Memory => context.Service;

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task EditCore_creates_a_block_at_version_1_and_replaces_it_at_version_2()
    {
        var created = await Memory.EditCoreAsync(MemoryTestContext.Alice, "preferences", "EUR, fiscal year starts in April", null, MemoryTestContext.Tool);
        var replaced = await Memory.EditCoreAsync(MemoryTestContext.Alice, "preferences", "EUR", 1, MemoryTestContext.Tool);

        created.Should().Be(new CoreEditResult("preferences", 1, 0, 32, 2_000));
        replaced.Should().Be(new CoreEditResult("preferences", 2, 1, 3, 2_000));
        var blocks = await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice);
        blocks.Should().ContainSingle().Which.Should().Match<CoreBlock>(b => b.Value == "EUR" && b.Version == 2 && b.UpdatedBy == "alice");
    }

    [Fact]
    public async Task EditCore_refuses_a_stale_expected_version_and_names_the_current_one()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "a", null, MemoryTestContext.Tool);
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "b", 1, MemoryTestContext.Tool);

        var stale = () => Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "c", 1, MemoryTestContext.Tool);

        var error = (await stale.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.VersionConflict);
        error.Message.Should().Contain("version 2");
        error.Details["current_version"].Should().Be(2L);
        (await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice)).Single().Value.Should().Be("b");
    }

    [Fact]
    public async Task EditCore_with_expected_version_0_only_creates()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "a", 0, MemoryTestContext.Tool);

        var again = () => Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "b", 0, MemoryTestContext.Tool);

        (await again.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.VersionConflict);
    }

    [Fact]
    public async Task EditCore_over_the_limit_is_refused_with_size_and_limit_and_leaves_the_block_unchanged()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "notes", "short", null, MemoryTestContext.Tool);

        var tooLong = () => Memory.EditCoreAsync(MemoryTestContext.Alice, "notes", new string('x', 2_001), null, MemoryTestContext.Tool);

        var error = (await tooLong.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.LimitExceeded);
        error.Details["size"].Should().Be(2_001);
        error.Details["limit"].Should().Be(2_000);
        var block = (await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice)).Single();
        block.Should().Match<CoreBlock>(b => b.Value == "short" && b.Version == 1);
        (await Memory.GetHistoryAsync(MemoryTestContext.Alice, "notes")).Should().HaveCount(1);
    }

    [Fact]
    public async Task EditCore_refuses_a_block_beyond_the_maximum_number_but_still_edits_existing_ones()
    {
        for (var i = 0; i < context.Settings.MaxCoreBlocks; i++)
        {
            await Memory.EditCoreAsync(MemoryTestContext.Alice, $"block{i}", "v", null, MemoryTestContext.Tool);
        }

        var oneMore = () => Memory.EditCoreAsync(MemoryTestContext.Alice, "one_more", "v", null, MemoryTestContext.Tool);

        (await oneMore.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.LimitExceeded);
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "block0", "changed", null, MemoryTestContext.Tool);
        (await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice)).Should().HaveCount(context.Settings.MaxCoreBlocks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("has space")]
    [InlineData("../etc")]
    [InlineData("a'; DROP TABLE core_blocks; --")]
    public async Task EditCore_refuses_an_invalid_key(string key)
    {
        var edit = () => Memory.EditCoreAsync(MemoryTestContext.Alice, key, "v", null, MemoryTestContext.Tool);

        (await edit.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task History_keeps_every_revision_in_order_with_provenance()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "one", null, new MemoryProvenance("memory_edit", "r1"));
        context.Clock.Advance(TimeSpan.FromSeconds(5));
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "two", 1, new MemoryProvenance("memory_edit", "r2"));
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "facts", "three", null, new MemoryProvenance("cli", null));

        var history = await Memory.GetHistoryAsync(MemoryTestContext.Alice, "facts");

        history.Select(r => (r.Version, r.Action, r.OldValue, r.NewValue, r.Tool, r.RequestId)).Should().Equal(
            (1L, "create", "", "one", "memory_edit", "r1"),
            (2L, "edit", "one", "two", "memory_edit", "r2"),
            (3L, "edit", "two", "three", "cli", (string?)null));
        history.Should().OnlyContain(r => r.Principal == "alice");
        history[1].At.Should().Be(history[0].At.AddSeconds(5));
    }

    [Fact]
    public async Task A_principal_never_sees_another_principals_core_blocks_or_history()
    {
        await Memory.EditCoreAsync(MemoryTestContext.Alice, "secret_plan", "alice's plan", null, MemoryTestContext.Tool);

        (await Memory.GetCoreBlocksAsync(MemoryTestContext.Bob)).Should().BeEmpty();
        (await Memory.GetHistoryAsync(MemoryTestContext.Bob, "secret_plan")).Should().BeEmpty();
        var bobWrites = await Memory.EditCoreAsync(MemoryTestContext.Bob, "secret_plan", "bob's plan", 0, MemoryTestContext.Tool);
        bobWrites.Version.Should().Be(1);
        (await Memory.GetCoreBlocksAsync(MemoryTestContext.Alice)).Single().Value.Should().Be("alice's plan");
    }
}
