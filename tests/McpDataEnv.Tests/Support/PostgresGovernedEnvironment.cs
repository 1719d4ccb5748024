using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>
/// retail-postgres (<see cref="PostgresRetailEnvironment"/>) plus operator-made views over sensitive and row-filtered
/// data, owned by the admin and — the careless case — granted to the reader role, for leak attempts through views.
/// </summary>
public sealed class PostgresGovernedEnvironment : IAsyncLifetime
{
    public PostgresRetailEnvironment Retail { get; } = new();

    public async Task InitializeAsync()
    {
        await Retail.InitializeAsync();
        await Retail.AdminAsync(
            "CREATE VIEW retail.contact_list AS SELECT customer_id, email AS contact FROM retail.customers",
            "CREATE VIEW retail.cost_sheet AS SELECT sku, unit_cost AS c FROM retail.products",
            "CREATE VIEW retail.salaries AS SELECT employee_id, salary AS s FROM retail.payroll",
            "CREATE VIEW retail.all_orders AS SELECT order_id, region_id, status FROM retail.orders",
            "GRANT SELECT ON retail.contact_list, retail.cost_sheet, retail.salaries, retail.all_orders TO mcpdataenv_reader");
    }

    public JsonObject Server(string role) => Retail.Server(null, "--role", role);

    /// <summary>Runs the CLI against this database as the server's own login (reader + audit writer, nothing else).</summary>
    public Task<ProcessRunner.Outcome> CliAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, .. args], TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string?> { ["MCPDATAENV_PG"] = Retail.ServerConnectionString });

    public Task DisposeAsync() => Retail.DisposeAsync();
}
