using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Core.Tests.Memory;

/// <summary>Which memory scopes a caller may read and write comes from its role, never from the scope argument.</summary>
public sealed class MemoryAccessTests
{
    private static readonly MemorySharing Sharing = new(new Dictionary<string, SharedMemoryScope>
    {
        ["team"] = new("team", null, ["analyst", "emea_manager"], ["finance"]),
        ["board"] = new("board", null, ["finance"], []),
    });

    [Theory]
    [InlineData("analyst", "private,shared:team", "private")]
    [InlineData("finance", "private,shared:board,shared:team", "private,shared:team")]
    [InlineData("emea_manager", "private,shared:team", "private")]
    [InlineData("hr", "private", "private")]
    public void A_role_reads_and_writes_exactly_the_scopes_the_policy_grants_it(string role, string readable, string writable)
    {
        var access = new MemoryAccess("retail", "alice", role, Sharing);

        string.Join(',', access.Readable.Select(s => s.Label)).Should().Be(readable);
        string.Join(',', access.WritableLabels).Should().Be(writable);
        access.Readable[0].Should().Be(new MemoryScope("retail", "alice"));
    }

    [Theory]
    [InlineData(null, "retail/fiona")]
    [InlineData("", "retail/fiona")]
    [InlineData("private", "retail/fiona")]
    [InlineData("shared:team", "retail/shared:team")]
    public void A_write_goes_to_the_private_scope_unless_a_writable_shared_scope_is_selected(string? selector, string expected) =>
        new MemoryAccess("retail", "fiona", "finance", Sharing).ForWrite(selector).ToString().Should().Be(expected);

    [Theory]
    [InlineData("analyst", "shared:team", ErrorCodes.AccessDenied, "Your role may not write memory scope 'shared:team'. Scopes you may write: private.")]
    [InlineData("finance", "shared:board", ErrorCodes.AccessDenied, "Your role may not write memory scope 'shared:board'. Scopes you may write: private, shared:team.")]
    [InlineData("finance", "shared:nowhere", ErrorCodes.AccessDenied, "Your role may not write memory scope 'shared:nowhere'. Scopes you may write: private, shared:team.")]
    [InlineData("finance", "team", ErrorCodes.InvalidArgument, "scope must be 'private' or 'shared:<name>'; scopes you may write: private, shared:team.")]
    [InlineData("finance", "bob", ErrorCodes.InvalidArgument, "scope must be 'private' or 'shared:<name>'; scopes you may write: private, shared:team.")]
    public void A_scope_the_role_may_not_write_is_refused_with_the_scopes_it_may(string role, string selector, string code, string message)
    {
        var refused = FluentActions.Invoking(() => new MemoryAccess("retail", "alice", role, Sharing).ForWrite(selector))
            .Should().Throw<DataEnvException>().Which;

        refused.Code.Should().Be(code);
        refused.Message.Should().Be(message);
    }

    [Fact]
    public void A_search_covers_every_readable_scope_or_only_the_one_selected_if_readable()
    {
        var analyst = new MemoryAccess("retail", "alice", "analyst", Sharing);

        analyst.ForRead(null).Select(s => s.Label).Should().Equal("private", "shared:team");
        analyst.ForRead("shared:team").Select(s => s.Label).Should().Equal("shared:team");
        analyst.ForRead("private").Select(s => s.Label).Should().Equal("private");
        FluentActions.Invoking(() => analyst.ForRead("shared:board")).Should().Throw<DataEnvException>().Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }

    [Fact]
    public void A_principal_named_like_a_shared_scope_gets_no_memory_and_writes_record_the_caller()
    {
        FluentActions.Invoking(() => new MemoryAccess("retail", "shared:team", "finance", Sharing))
            .Should().Throw<DataEnvException>().Which.Code.Should().Be(ErrorCodes.AccessDenied);
        new MemoryAccess("retail", "fiona", "finance", Sharing).Stamp(new MemoryProvenance("memory_edit")).Writer.Should().Be("fiona");
    }
}
