using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Environments;

public sealed class RetailMetricsSqliteTests
{
    private static double Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Demo_metrics_agree_on_SQLite_even_with_whole_number_prices()
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            // Whole prices and zero discounts would make revenue / count an integer division without care.
            setup.CommandText = """
                CREATE TABLE orders(order_id INTEGER PRIMARY KEY, customer_id INTEGER, region_id INTEGER, ordered_at TIMESTAMP, status TEXT, channel TEXT);
                CREATE TABLE order_items(order_id INTEGER, line_no INTEGER, product_id INTEGER, quantity INTEGER, unit_price NUMERIC, discount NUMERIC, PRIMARY KEY(order_id, line_no));
                INSERT INTO orders VALUES (1, 1, 1, '2024-01-02 10:00:00', 'completed', 'web'), (2, 1, 1, '2024-01-03 10:00:00', 'completed', 'store'),
                                          (3, 1, 1, '2024-01-04 10:00:00', 'cancelled', 'web'), (4, 1, 1, '2024-01-05 10:00:00', 'refunded', 'phone');
                INSERT INTO order_items VALUES (1, 1, 1, 1, 10, 0), (2, 1, 1, 1, 5, 0), (3, 1, 1, 9, 100, 0), (4, 1, 1, 9, 100, 0.5);
                """;
            setup.ExecuteNonQuery();
        }

        var metrics = DemoEnvironmentTests.Retail().Rules.Metrics;

        Scalar(connection, metrics["revenue"].Sql).Should().Be(15);
        Scalar(connection, metrics["order_count"].Sql).Should().Be(2);
        Scalar(connection, metrics["average_basket_size"].Sql).Should().Be(7.5);
    }
}
