using System.Security.Cryptography;
using System.Text;
using McpDataEnv.Core.Governance.Audit;

namespace McpDataEnv.Core.Tests.Governance.Audit;

/// <summary>
/// Arguments longer than 64 Ki characters are stored shortened (start, length, SHA-256 of the full text) before the
/// entry is sealed, so the trail stays small, still identifies what was sent, and verifies; older trails with whole
/// long arguments verify too.
/// </summary>
public sealed class AuditArgumentTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpdataenv-audit-text-").FullName;

    private string PathOf => Path.Combine(_dir, "audit.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static string FiveMegabytes { get; } = "SELECT '" + new string('x', 5 * 1024 * 1024) + "'";

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A call with a 5 MB sql argument and a 5 MB misspelt argument name.</summary>
    public static AuditEvent Huge(int i) => AuditLogTests.Event(i) with
    {
        Arguments = new Dictionary<string, string?> { ["sql"] = FiveMegabytes, [new string('k', 100_000)] = "1", ["max_rows"] = "5" },
        Verdict = "refused",
        Code = "invalid_argument",
    };

    [Fact]
    public void An_argument_up_to_64_Ki_characters_is_kept_whole_and_a_longer_one_is_its_start_its_length_and_its_hash()
    {
        var fits = new string('a', AuditArgumentText.MaxChars);

        AuditArgumentText.Shortened(fits).Should().BeSameAs(fits);
        AuditArgumentText.Shortened(FiveMegabytes).Should().Be(
            FiveMegabytes[..AuditArgumentText.KeptChars]
            + $"... [shortened for the audit: {FiveMegabytes.Length} characters, sha256 of the full text as UTF-8: {Sha256(FiveMegabytes)}]");
    }

    [Fact]
    public async Task Calls_with_megabyte_arguments_leave_a_small_trail_that_identifies_them_and_verifies()
    {
        await using (var log = new JsonlAuditLog(PathOf))
        {
            for (var i = 1; i <= 5; i++)
            {
                await log.AppendAsync(Huge(i));
            }
        }

        new FileInfo(PathOf).Length.Should().BeLessThan(100_000, "five 5 MB calls must not store 25 MB");
        var entry = AuditChain.Parse(File.ReadLines(PathOf).First())!;
        entry.Arguments["sql"].Should().StartWith("SELECT 'xxx").And.Contain($"{FiveMegabytes.Length} characters").And.EndWith(Sha256(FiveMegabytes) + "]");
        entry.Arguments.Keys.Should().Equal(["sql", AuditArgumentText.Shortened(new string('k', 100_000)), "max_rows"], "names are shortened too, in their order");
        entry.Arguments["max_rows"].Should().Be("5");
        AuditVerifier.VerifyFile(PathOf).Should().BeEquivalentTo(new { Valid = true, Entries = 5L });
    }

    [Fact]
    public async Task An_older_trail_holding_a_long_argument_whole_still_verifies_and_continues()
    {
        // As written before arguments were shortened: sealed whole, hash over the whole text.
        var whole = new AuditEntry(1, DateTimeOffset.UnixEpoch, "alice", "analyst", "run_readonly_sql",
            new Dictionary<string, string?> { ["sql"] = FiveMegabytes[..200_000] }, "refused", "invalid_argument", [], null, 1.5, AuditChain.Genesis, string.Empty);
        await File.WriteAllBytesAsync(PathOf, AuditChain.Utf8Line(whole with { Hash = AuditChain.HashOf(whole) }));

        await using (var log = new JsonlAuditLog(PathOf))
        {
            (await log.AppendAsync(Huge(2))).Seq.Should().Be(2);
        }

        AuditVerifier.VerifyFile(PathOf).Should().BeEquivalentTo(new { Valid = true, Entries = 2L });
        AuditChain.Parse(File.ReadLines(PathOf).First())!.Arguments["sql"].Should().HaveLength(200_000);
    }
}
