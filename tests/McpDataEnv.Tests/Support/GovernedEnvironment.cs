using Microsoft.Data.Sqlite;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// A seeded copy of the retail environment plus operator-made views over sensitive data (built with a
/// writable connection beforehand: the server itself cannot create one), for leak attempts through views.
/// </summary>
public sealed class GovernedEnvironment : IAsyncLifetime
{
    private readonly SeededEnvironment _seeded = new();

    public string Folder => _seeded.Folder;

    public string AuditPath => Path.Combine(Folder, "data", "audit.jsonl");

    /// <inheritdoc cref="SeededEnvironment.Sessions"/>
    public McpSessions Sessions => _seeded.Sessions;

    /// <inheritdoc cref="SeededEnvironment.WithGenerousLimits"/>
    public string WithGenerousLimits(string name) => _seeded.WithGenerousLimits(name);

    public async Task InitializeAsync()
    {
        await _seeded.InitializeAsync();
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection($"Data Source={_seeded.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIEW contact_list AS SELECT customer_id, email AS contact FROM customers;
            CREATE VIEW cost_sheet AS SELECT sku, unit_cost AS c FROM products;
            CREATE VIEW salaries AS SELECT employee_id, salary AS s FROM payroll;
            CREATE VIEW all_orders AS SELECT order_id, region_id, status FROM orders;
            """;
        command.ExecuteNonQuery();
    }

    public Task DisposeAsync() => _seeded.DisposeAsync();
}
