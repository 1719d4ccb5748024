using System.Security.Cryptography;
using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

public sealed class SqliteSeedingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpdataenv-seed-").FullName;

    [Fact]
    public async Task Seeding_twice_gives_byte_identical_files_and_leaves_no_temp_files()
    {
        var first = Path.Combine(_dir, "a.db");
        var second = Path.Combine(_dir, "b.db");
        await using var a = new SqliteBackend(first);
        await using var b = new SqliteBackend(second);

        await a.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);
        await b.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);

        Hash(first).Should().Be(Hash(second));
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().BeEquivalentTo("a.db", "b.db");
    }

    [Fact]
    public async Task Streamed_scale_two_seed_has_120000_orders_and_the_bytes_of_the_in_memory_seed()
    {
        var streamed = Path.Combine(_dir, "streamed.db");
        var generated = Path.Combine(_dir, "generated.db");
        await using var a = new SqliteBackend(streamed);
        await using var b = new SqliteBackend(generated);

        await a.SeedAsync(RetailGenerator.Stream(2), CancellationToken.None);
        await b.SeedAsync(RetailGenerator.Generate(2), CancellationToken.None);

        var counts = await a.ExecuteAsync(Requests.Query("SELECT (SELECT COUNT(*) FROM orders), (SELECT MAX(order_id) FROM orders)"), CancellationToken.None);
        counts.Rows[0].Should().Equal(120_000L, 120_000L);
        Hash(streamed).Should().Be(Hash(generated));
    }

    [Fact]
    public async Task Backend_reports_unseeded_until_seeded_and_then_answers()
    {
        await using var backend = new SqliteBackend(Path.Combine(_dir, "new.db"));
        (await backend.IsSeededAsync(CancellationToken.None)).Should().BeFalse();
        (await backend.PingAsync(CancellationToken.None)).Should().BeFalse();
        var act = () => backend.ExecuteAsync(Requests.Query("SELECT 1"), CancellationToken.None);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.DatabaseUnavailable);

        await backend.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);

        (await backend.IsSeededAsync(CancellationToken.None)).Should().BeTrue();
        (await backend.PingAsync(CancellationToken.None)).Should().BeTrue();
        File.Exists(Path.Combine(_dir, "new.db")).Should().BeTrue();
    }

    [Fact]
    public async Task Reseeding_replaces_the_file_under_open_readers()
    {
        var path = Path.Combine(_dir, "live.db");
        await using var backend = new SqliteBackend(path);
        await backend.SeedAsync(SeededDatabase.Dataset.Value, CancellationToken.None);
        const string Name = "SELECT name FROM regions WHERE region_id = 1";
        (await backend.ExecuteAsync(Requests.Query(Name), CancellationToken.None)).Rows[0][0].Should().Be("North America");
        (await backend.ReadSchemaAsync(false, CancellationToken.None)).Find("payroll")!.RowCount.Should().Be(200);
        var data = SeededDatabase.Dataset.Value;
        var changed = data with { Regions = data.Regions.Select(r => r with { Name = r.Name.ToUpperInvariant() }).ToList(), Payroll = data.Payroll.Take(10).ToList() };

        await backend.SeedAsync(changed, CancellationToken.None);

        (await backend.ExecuteAsync(Requests.Query(Name), CancellationToken.None)).Rows[0][0].Should().Be("NORTH AMERICA");
        (await backend.ReadSchemaAsync(false, CancellationToken.None)).Find("payroll")!.RowCount.Should().Be(10);
    }

    [Fact]
    public void Backend_requires_an_absolute_path() =>
        FluentActions.Invoking(() => new SqliteBackend("relative/retail.db")).Should().Throw<ArgumentException>();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
