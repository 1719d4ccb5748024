using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>Schema reading, the reader role, and an unreachable server.</summary>
public sealed class PostgresCatalogAndFaultTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Schema_reports_keys_comments_and_types()
    {
        var schema = await db.Backend.ReadSchemaAsync(refresh: true, CancellationToken.None);
        var items = schema.Tables.Single(t => t.Schema == db.Schema && t.Name == "order_items");
        items.PrimaryKey.Should().Equal("order_id", "line_no");
        items.ForeignKeys.Select(f => f.ReferencedTable).Should().BeEquivalentTo("orders", "products");
        items.Columns.Single(c => c.Name == "discount").Type.Should().Be("numeric(4,2)");
        schema.Tables.Single(t => t.Schema == db.Schema && t.Name == "orders").Comment.Should().StartWith("Orders");
    }

    [Fact]
    public async Task Reader_role_without_a_grant_is_refused_by_postgres()
    {
        var role = db.Schema + "_reader";
        var tables = new Dictionary<string, IReadOnlyList<string>?> { ["regions"] = null, ["customers"] = ["full_name"] };
        foreach (var statement in PostgresGrantScript.Statements(db.Schema, role, tables)) await db.AdminAsync(statement);
        await using var backend = new PostgresBackend(db.ConnectionString, db.Schema, role);
        (await backend.RunAsync("SELECT name FROM regions")).Rows.Should().HaveCount(2);
        var act = () => backend.RunAsync("SELECT salary FROM payroll");
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
        var column = () => backend.RunAsync("SELECT email FROM customers");
        (await column.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
        await db.AdminAsync($"DROP OWNED BY \"{role}\"");
        await db.AdminAsync($"DROP ROLE \"{role}\"");
    }

    [Fact]
    public async Task Unreachable_server_answers_database_unavailable_without_the_connection_string()
    {
        await using var backend = new PostgresBackend("Host=127.0.0.1;Port=1;Username=u;Password=secret-pw;Timeout=2", "retail", null);
        var act = () => backend.RunAsync("SELECT 1");
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.DatabaseUnavailable);
        error.Message.Should().NotContain("secret-pw").And.NotContain("Port=1");
        (await backend.PingAsync(CancellationToken.None)).Should().BeFalse();
        backend.ToString().Should().NotContain("secret-pw");
    }
}
