using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Demo;
using Npgsql;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>A fresh schema with a small hand-built retail dataset, seeded through the backend, dropped at the end.</summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; } = PostgresTestDatabase.AdminConnectionString;

    public PostgresBackend Backend { get; private set; } = null!;

    public static RetailDataset Dataset { get; } = new(
        [new(1, "EMEA", "Europe"), new(2, "AMER", "Americas")],
        [
            new(1, "Ada Lovelace", "ada@example.com", "+44 1", 1, new DateOnly(2023, 1, 5), null),
            new(2, "Alan Turing", "alan@example.com", "+44 2", 1, new DateOnly(2023, 2, 6), new DateOnly(2024, 1, 1)),
            new(3, "Grace Hopper", "grace@example.com", "+1 3", 2, new DateOnly(2023, 3, 7), null),
        ],
        [new(1, "SKU-1", "Widget", "tools", 9.99m, 4.50m), new(2, "SKU-2", "Gadget", "toys", 19.50m, 7.25m)],
        [
            new(10, 1, 1, new DateTime(2024, 5, 1, 10, 0, 0), "completed", "web"),
            new(11, 3, 2, new DateTime(2024, 5, 2, 11, 30, 15), "refunded", "store"),
        ],
        [new(10, 1, 1, 2, 9.99m, 0.10m), new(10, 2, 2, 1, 19.50m, 0m), new(11, 1, 2, 3, 19.50m, 0.25m)],
        [new(1, "Boss", 250000.00m)]);

    public async Task InitializeAsync()
    {
        Backend = new PostgresBackend(ConnectionString, Schema, readerRole: null);
        await Backend.SeedAsync(Dataset, CancellationToken.None);
    }

    public async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> AdminScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await AdminAsync($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        await Backend.DisposeAsync();
    }
}
