using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Governance.Audit.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Tests.Governance.Audit.Postgres;

/// <summary>The audit table stores long arguments shortened like the file does, and verifies with and without them.</summary>
public sealed class PostgresAuditArgumentTextTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Megabyte_arguments_are_stored_shortened_and_an_older_entry_holding_one_whole_still_verifies()
    {
        AuditEntry first;
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            first = await log.AppendAsync(AuditArgumentTextTests.Huge(1));
        }

        // An entry as written before arguments were shortened, inserted after it the way the log inserts.
        var whole = new AuditEntry(2, first.Time.AddSeconds(1), "alice", "analyst", "run_readonly_sql",
            new Dictionary<string, string?> { ["sql"] = AuditArgumentTextTests.FiveMegabytes[..200_000] }, "refused", "invalid_argument", [], null, 1.5, first.Hash, string.Empty);
        await using (var connection = new NpgsqlConnection(_db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PostgresAuditRows.Insert(whole with { Hash = AuditChain.HashOf(whole) }) } };
            await batch.ExecuteNonQueryAsync();
        }

        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            (await log.AppendAsync(AuditArgumentTextTests.Huge(3))).Seq.Should().Be(3);
        }

        var stored = (string)(await _db.ScalarAsync($"SELECT arguments->>'sql' FROM {PostgresAuditSchema.Table} WHERE seq = 3"))!;
        stored.Should().HaveLength(AuditArgumentText.Shortened(AuditArgumentTextTests.FiveMegabytes).Length)
            .And.EndWith(AuditArgumentTextTests.Sha256(AuditArgumentTextTests.FiveMegabytes) + "]");
        await using var reader = new PostgresAuditReader(_db.ConnectionString);
        (await reader.VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 3L });
    }
}
