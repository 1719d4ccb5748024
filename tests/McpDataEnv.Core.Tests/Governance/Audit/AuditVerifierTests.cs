using McpDataEnv.Core.Governance.Audit;

namespace McpDataEnv.Core.Tests.Governance.Audit;

/// <summary>The chain check over a trail streamed from a store: the same verdicts as over a stored list, in constant memory.</summary>
public sealed class AuditVerifierTests
{
    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= length; i++)
        {
            entries.Add(AuditChain.Seal(AuditLogTests.Event(i), i - 1, i == 1 ? AuditChain.Genesis : entries[^1].Hash));
        }
        return entries;
    }

    private static async IAsyncEnumerable<AuditEntry?> Stream(IEnumerable<AuditEntry?> entries)
    {
        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    public static TheoryData<string> Tampering => new() { "intact", "edited", "removed", "unreadable" };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_streamed_trail_gets_the_verdict_the_same_trail_gets_as_a_list(string tampering)
    {
        List<AuditEntry?> entries = [.. Chain(6)];
        switch (tampering)
        {
            case "edited": entries[3] = entries[3]! with { Verdict = "refused" }; break;
            case "removed": entries.RemoveAt(2); break;
            case "unreadable": entries[4] = null; break;
        }

        var streamed = await AuditVerifier.VerifyAsync(Stream(entries));

        streamed.Should().BeEquivalentTo(AuditVerifier.Verify(entries));
        streamed.Valid.Should().Be(tampering == "intact");
    }

    [Fact]
    public async Task Verifying_a_stream_stops_reading_at_the_first_broken_entry()
    {
        var entries = Chain(3);
        var broken = entries[2] with { Principal = "mallory" };

        async IAsyncEnumerable<AuditEntry?> StreamThatMustEndThere()
        {
            await foreach (var entry in Stream([entries[0], entries[1], broken])) yield return entry;
            throw new InvalidOperationException("read past the broken entry");
        }

        var verdict = await AuditVerifier.VerifyAsync(StreamThatMustEndThere());

        verdict.Should().BeEquivalentTo(new { Valid = false, Entries = 2L, Line = 3, Seq = 3L });
        verdict.Problem.Should().Contain("entry edited");
    }
}
