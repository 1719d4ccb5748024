using McpDataEnv.Core.Governance.Audit;

namespace McpDataEnv.Core.Tests.Governance.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpdataenv-audit-").FullName;

    private string PathOf => Path.Combine(_dir, "audit.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static AuditEvent Event(int i, string sql = "SELECT 1") => new(
        DateTimeOffset.UnixEpoch.AddSeconds(i), "alice", "analyst", "run_readonly_sql",
        new Dictionary<string, string?> { ["sql"] = sql + " -- " + i }, "ok", null, [], 1, 0.5);

    [Fact]
    public async Task Ten_thousand_concurrent_appends_leave_a_valid_chain()
    {
        await using (var log = new JsonlAuditLog(PathOf))
        {
            await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Task.Run(() => log.AppendAsync(Event(i)))));
        }

        var verdict = AuditVerifier.VerifyFile(PathOf);

        verdict.Valid.Should().BeTrue(verdict.Problem);
        verdict.Entries.Should().Be(10_000);
        File.ReadLines(PathOf).Select(l => AuditChain.Parse(l)!.Arguments["sql"]).Distinct().Should().HaveCount(10_000);
    }

    [Fact]
    public async Task Two_writers_on_one_file_take_turns_and_keep_the_chain()
    {
        await using (var first = new JsonlAuditLog(PathOf))
        await using (var second = new JsonlAuditLog(PathOf))
        {
            await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => (i % 2 == 0 ? first : second).AppendAsync(Event(i))));
        }

        AuditVerifier.VerifyFile(PathOf).Should().BeEquivalentTo(new { Valid = true, Entries = 2_000L });
    }

    [Fact]
    public async Task A_new_writer_continues_the_existing_chain()
    {
        await using (var log = new JsonlAuditLog(PathOf))
        {
            await log.AppendAsync(Event(1));
        }

        await using (var log = new JsonlAuditLog(PathOf))
        {
            (await log.AppendAsync(Event(2))).Seq.Should().Be(2);
        }

        AuditVerifier.VerifyFile(PathOf).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_arguments_still_leaves_a_verifiable_chain()
    {
        await using (var log = new JsonlAuditLog(PathOf))
        {
            await log.AppendAsync(Event(1, "SELECT '\ud800'"));
            await log.AppendAsync(Event(2));
        }

        AuditVerifier.VerifyFile(PathOf).Should().BeEquivalentTo(new { Valid = true, Entries = 2L });
    }

    [Theory]
    [InlineData("edit_sql", 3)]
    [InlineData("edit_verdict", 5)]
    [InlineData("edit_rows", 1)]
    [InlineData("remove", 4)]
    [InlineData("remove_first", 1)]
    [InlineData("reorder", 3)]
    [InlineData("insert_copy", 4)]
    [InlineData("garbage", 2)]
    public async Task Tampering_with_any_entry_is_detected_and_named(string tamper, int expectedLine)
    {
        await using (var log = new JsonlAuditLog(PathOf))
        {
            for (var i = 1; i <= 6; i++)
            {
                await log.AppendAsync(Event(i));
            }
        }

        var lines = File.ReadAllLines(PathOf).ToList();
        switch (tamper)
        {
            case "edit_sql": lines[2] = lines[2].Replace("SELECT 1", "SELECT 2"); break;
            case "edit_verdict": lines[4] = lines[4].Replace("\"ok\"", "\"refused\""); break;
            case "edit_rows": lines[0] = lines[0].Replace("\"rows\":1", "\"rows\":7"); break;
            case "remove": lines.RemoveAt(3); break;
            case "remove_first": lines.RemoveAt(0); break;
            case "reorder": (lines[2], lines[3]) = (lines[3], lines[2]); break;
            case "insert_copy": lines.Insert(3, lines[2]); break;
            case "garbage": lines[1] = "{not json"; break;
        }

        File.WriteAllLines(PathOf, lines);

        var verdict = AuditVerifier.VerifyFile(PathOf);

        verdict.Valid.Should().BeFalse();
        verdict.Line.Should().Be(expectedLine);
    }
}
