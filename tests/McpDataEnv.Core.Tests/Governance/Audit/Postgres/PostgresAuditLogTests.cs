using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Governance.Audit.Postgres;
using McpDataEnv.Core.Tests.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Tests.Governance.Audit.Postgres;

/// <summary>The audit trail as a PostgreSQL table: same chain as JSON Lines, linear across writers, append-only, tamper-evident.</summary>
public sealed class PostgresAuditLogTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static AuditEvent Event(int i) => AuditLogTests.Event(i) with { Time = DateTimeOffset.UtcNow.AddTicks(i) };

    private async Task<AuditVerdict> VerifyAsync(string? connectionString = null)
    {
        await using var reader = new PostgresAuditReader(connectionString ?? _db.ConnectionString);
        return await reader.VerifyAsync();
    }

    [Fact]
    public async Task Ten_thousand_concurrent_appends_leave_a_valid_chain_in_the_table()
    {
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Task.Run(() => log.AppendAsync(Event(i)))));
        }

        var verdict = await VerifyAsync();

        verdict.Valid.Should().BeTrue(verdict.Problem);
        verdict.Entries.Should().Be(10_000);
        (await _db.ScalarAsync($"SELECT count(DISTINCT arguments->>'sql') FROM {PostgresAuditSchema.Table}")).Should().Be(10_000L);
    }

    [Fact]
    public async Task Two_writers_with_their_own_connections_keep_one_linear_chain()
    {
        // Two logs with separate pools race exactly as two server processes would: only the table orders them.
        await using (var first = new PostgresAuditLog(_db.ConnectionString))
        await using (var second = new PostgresAuditLog(_db.ConnectionString))
        {
            await Task.WhenAll(Enumerable.Range(0, 4_000).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync(Event(i)))));
        }

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 4_000L });
    }

    [Fact]
    public async Task A_new_log_continues_the_existing_chain_and_returns_what_it_stored()
    {
        AuditEntry written;
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            await log.AppendAsync(Event(1));
        }

        var awkward = new Dictionary<string, string?> { ["sql"] = "SELECT 'é', '\u0000', '\ud800' -- ✓\r\n", ["z"] = null, ["a"] = "\"quoted\"" };
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            written = await log.AppendAsync(Event(2) with { Arguments = awkward, Code = "access_denied", Rules = ["analyst.deny_columns", "x"], Rows = null, DurationMs = 1.23456 });
        }

        written.Seq.Should().Be(2);
        await using var reader = new PostgresAuditReader(_db.ConnectionString);
        var stored = (await reader.TailAsync(1)).Single();
        stored.Should().NotBeNull();
        AuditChain.ToLine(stored!).Should().Be(AuditChain.ToLine(written));
        stored!.Arguments.Keys.Should().Equal("sql", "z", "a");
        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 2L });
    }

    [Fact]
    public async Task Verify_and_tail_each_take_two_round_trips_whatever_the_length_of_the_trail()
    {
        await _db.ApplyAdminScriptWithWriterLoginAsync();
        await using (var log = new PostgresAuditLog(_db.WriterLoginConnectionString))
        {
            await Task.WhenAll(Enumerable.Range(1, 300).Select(i => log.AppendAsync(Event(i))));
        }
        await using var reader = new PostgresAuditReader(_db.WriterLoginConnectionString);
        await reader.TailAsync(1); // the reader's first connection, outside the count

        using (var verify = NpgsqlRoundTrips.Start())
        {
            (await reader.VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 300L });
            verify.Count.Should().Be(2, "whether the table exists; the role switch and the read, pipelined. Sent:\n" + verify.Describe());
        }

        using var tail = NpgsqlRoundTrips.Start();
        (await reader.TailAsync(5)).Select(e => e!.Seq).Should().Equal(296L, 297L, 298L, 299L, 300L);
        tail.Count.Should().Be(2, "Sent:\n" + tail.Describe());
    }

    [Theory]
    [InlineData("UPDATE {0} SET arguments = '{{\"sql\":\"SELECT 2\"}}' WHERE seq = 3", 3)]
    [InlineData("UPDATE {0} SET verdict = 'refused' WHERE seq = 5", 5)]
    [InlineData("UPDATE {0} SET rows = 7 WHERE seq = 1", 1)]
    [InlineData("UPDATE {0} SET at = at + interval '1 second' WHERE seq = 6", 6)]
    [InlineData("UPDATE {0} SET rules = array_append(rules, 'hr.allow') WHERE seq = 2", 2)]
    [InlineData("DELETE FROM {0} WHERE seq = 4", 4)]
    [InlineData("DELETE FROM {0} WHERE seq = 1", 1)]
    [InlineData("UPDATE {0} SET seq = 1000 WHERE seq = 3; UPDATE {0} SET seq = 3 WHERE seq = 4; UPDATE {0} SET seq = 4 WHERE seq = 1000", 3)]
    [InlineData("INSERT INTO {0} SELECT 7, at, principal, role, tool, arguments, verdict, code, rules, rows, duration_ms, hash, md5('forged') FROM {0} WHERE seq = 6", 7)]
    [InlineData("UPDATE {0} SET arguments = '[1]' WHERE seq = 2", 2)]
    public async Task Tampering_with_any_row_is_detected_and_named(string tamper, int expectedPosition)
    {
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            for (var i = 1; i <= 6; i++)
            {
                await log.AppendAsync(Event(i));
            }
        }

        // An administrator can switch the append-only triggers off; verify must still catch the change.
        await _db.AdminAsync($"ALTER TABLE {PostgresAuditSchema.Table} DISABLE TRIGGER USER");
        foreach (var statement in string.Format(tamper, PostgresAuditSchema.Table).Split("; "))
        {
            await _db.AdminAsync(statement);
        }

        var verdict = await VerifyAsync();

        verdict.Valid.Should().BeFalse();
        verdict.Line.Should().Be(expectedPosition, verdict.Problem);
    }

    [Theory]
    [InlineData("UPDATE {0} SET verdict = 'ok'")]
    [InlineData("DELETE FROM {0} WHERE seq = 1")]
    [InlineData("TRUNCATE {0}")]
    public async Task The_table_refuses_update_delete_and_truncate_even_from_its_owner(string change)
    {
        await using (var log = new PostgresAuditLog(_db.ConnectionString))
        {
            await log.AppendAsync(Event(1));
        }

        var act = () => _db.AdminAsync(string.Format(change, PostgresAuditSchema.Table));

        (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 1L });
    }

    [Fact]
    public async Task A_login_holding_only_the_writer_role_appends_and_verifies_but_cannot_change_entries()
    {
        await _db.ApplyAdminScriptWithWriterLoginAsync();
        await using (var log = new PostgresAuditLog(_db.WriterLoginConnectionString))
        {
            await Task.WhenAll(Enumerable.Range(1, 50).Select(i => log.AppendAsync(Event(i))));
        }

        (await VerifyAsync(_db.WriterLoginConnectionString)).Should().BeEquivalentTo(new { Valid = true, Entries = 50L });
        await _db.AdminAsync($"ALTER TABLE {PostgresAuditSchema.Table} DISABLE TRIGGER USER");
        foreach (var change in new[] { "UPDATE {0} SET verdict = 'ok'", "DELETE FROM {0}", "TRUNCATE {0}" })
        {
            var sql = string.Format(change, PostgresAuditSchema.Table);
            var act = () => AuditDatabase.InTransactionAsync(_db.WriterLoginConnectionString, $"SET LOCAL ROLE {PostgresAuditSchema.WriterRole}", sql);
            (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("42501", sql);
        }
    }

    [Fact]
    public async Task A_writer_role_revoked_after_it_was_remembered_is_decided_again_and_the_next_append_lands()
    {
        // The login may write the table itself too, so it can go on without the role once the membership is gone.
        await _db.ApplyAdminScriptWithWriterLoginAsync();
        await _db.AdminAsync($"GRANT USAGE ON SCHEMA {PostgresAuditSchema.Schema} TO {_db.WriterLogin}", $"GRANT SELECT, INSERT ON {PostgresAuditSchema.Table} TO {_db.WriterLogin}");
        await using (var log = new PostgresAuditLog(_db.WriterLoginConnectionString))
        {
            await log.AppendAsync(Event(1));
            await log.AppendAsync(Event(2));
            await _db.AdminAsync($"REVOKE {PostgresAuditSchema.WriterRole} FROM {_db.WriterLogin}");

            (await log.AppendAsync(Event(3))).Seq.Should().Be(3);
        }

        (await VerifyAsync()).Should().BeEquivalentTo(new { Valid = true, Entries = 3L });
    }

    [Fact]
    public async Task A_login_that_may_not_create_the_missing_table_is_refused_with_database_unavailable()
    {
        await _db.CreateLoginAsync();
        await using var log = new PostgresAuditLog(_db.WriterLoginConnectionString);

        var act = () => log.AppendAsync(Event(1));

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.DatabaseUnavailable);
    }

    [Fact]
    public async Task An_unreachable_database_refuses_the_append_with_database_unavailable_and_hides_the_connection_string()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var log = new PostgresAuditLog(unreachable);

        var act = () => log.AppendAsync(Event(1));

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.DatabaseUnavailable);
        error.Message.Should().Contain("withheld").And.NotContain("Port").And.NotContain("Password");
    }
}
