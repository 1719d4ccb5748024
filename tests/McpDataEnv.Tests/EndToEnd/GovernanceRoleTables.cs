using System.Globalization;
using System.Text.Json.Nodes;
using McpDataEnv.Tests.Support;

namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// The per-role allowed/refused tables, the leak attempts and emea_manager's revenue by every route, through the real
/// server and the official client; each backend's test class supplies the server (<see cref="Server"/>).
/// </summary>
public abstract class GovernanceRoleTables
{
    protected const string Revenue = "oi.quantity * oi.unit_price * (1 - oi.discount)";

    public static TheoryData<string> Roles => new() { "analyst", "finance", "emea_manager", "hr" };

    protected abstract GovernanceBackend Backend { get; }

    /// <summary>A stdio server plan entry serving the environment with <paramref name="role"/>.</summary>
    protected abstract JsonObject Server(string role);

    /// <summary>The fixture's shared servers: one per role serves every table and route of that role.</summary>
    protected abstract McpSessions Sessions { get; }

    [Fact]
    public void There_are_at_least_forty_leak_attempts() =>
        GovernanceCases.AnalystLeaks.Select(c => c.On(Backend)).Where(c => c.Expected != GovernanceCases.Ok).Should().HaveCountGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_gets_exactly_what_the_policy_allows(string role)
    {
        var cases = (role switch
        {
            "analyst" => GovernanceCases.Analyst,
            "finance" => GovernanceCases.Finance,
            "emea_manager" => GovernanceCases.EmeaManager,
            _ => GovernanceCases.Hr,
        }).Select(c => c.On(Backend)).ToList();

        var report = await Sessions.RunAsync(Server(role), [.. cases.Select(c => McpDriver.Call("run_readonly_sql", new { sql = c.Sql }))]);

        var outcomes = cases.Select((c, i) => (c.Sql, Actual: Outcome(report.Result(i)))).ToList();
        outcomes.Select(o => $"{o.Actual}: {o.Sql}").Should().Equal(cases.Select(c => $"{c.Expected}: {c.Sql}"));
    }

    [Fact]
    public async Task Emea_manager_revenue_by_every_route_equals_EMEA_only_revenue()
    {
        string[] routes =
        [
            $"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'",
            $"WITH l AS (SELECT {Revenue} AS v FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed') SELECT SUM(v) FROM l",
            $"SELECT SUM({Revenue}) FROM order_items oi WHERE oi.order_id IN (SELECT order_id FROM orders WHERE status = 'completed')",
            $"SELECT DISTINCT SUM({Revenue}) OVER () FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'",
            $"SELECT SUM(r) FROM (SELECT o.region_id, SUM({Revenue}) AS r FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed' GROUP BY o.region_id) t",
            $"SELECT SUM({Revenue}) FROM order_items oi WHERE EXISTS (SELECT 1 FROM orders o WHERE o.order_id = oi.order_id AND o.status = 'completed')",
        ];
        var direct = $"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN regions r ON r.region_id = o.region_id WHERE o.status = 'completed' AND r.code = 'EMEA'";

        var emea = await Sessions.RunAsync(Server("emea_manager"), [.. routes.Select(sql => McpDriver.Call("run_readonly_sql", new { sql }))]);
        var finance = await Sessions.RunAsync(Server("finance"), McpDriver.Call("run_readonly_sql", new { sql = direct }));

        var expected = Scalar(finance.Result(0));
        expected.Should().BeGreaterThan(0);
        for (var i = 0; i < routes.Length; i++)
        {
            Scalar(emea.Result(i)).Should().BeApproximately(expected, 1e-6 * expected, routes[i]);
        }
    }

    protected static string Outcome(JsonObject result) => result.IsError() ? result.ErrorCode() : GovernanceCases.Ok;

    protected static double Scalar(JsonObject result) =>
        Convert.ToDouble(result.Structured()["rows"]![0]![0]!.ToString(), CultureInfo.InvariantCulture);
}
