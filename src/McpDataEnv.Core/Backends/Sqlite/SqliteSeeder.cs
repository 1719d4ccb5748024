using System.Globalization;
using McpDataEnv.Core.Demo;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Writes the retail dataset into a fresh file next to the target with a writable connection of its
/// own (one transaction, prepared inserts), then renames it into place, so readers never see a half
/// database. Same dataset, same bytes: fixed page size, rollback journal, no timestamps.
/// </summary>
internal static class SqliteSeeder
{
    public static void Write(string target, RetailDataset dataset, CancellationToken cancellationToken)
    {
        SqliteNative.EnsureInitialised();
        var directory = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.seeding");
        try
        {
            Fill(temp, dataset, cancellationToken);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
            File.Delete(temp + "-journal");
        }
    }

    private static void Fill(string file, RetailDataset data, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;");
        using (var tx = connection.BeginTransaction())
        {
            Execute(connection, SqliteRetailSchema.Tables, tx);
            var rows = new SqliteBulkInserter(connection.Handle!, cancellationToken);
            rows.Insert("regions", data.Regions, r => [r.RegionId, r.Code, r.Name]);
            rows.Insert("customers", data.Customers, c => [c.CustomerId, c.FullName, c.Email, c.Phone, c.RegionId, Date(c.SignupDate), c.ChurnedOn is { } d ? Date(d) : null]);
            rows.Insert("products", data.Products, p => [p.ProductId, p.Sku, p.Name, p.Category, (double)p.UnitPrice, (double)p.UnitCost]);
            rows.Insert("orders", data.Orders, o => [o.OrderId, o.CustomerId, o.RegionId, o.OrderedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), o.Status, o.Channel]);
            rows.Insert("order_items", data.OrderItems, i => [i.OrderId, i.LineNo, i.ProductId, i.Quantity, (double)i.UnitPrice, (double)i.Discount]);
            rows.Insert("payroll", data.Payroll, p => [p.EmployeeId, p.FullName, (double)p.Salary]);
            Execute(connection, SqliteRetailSchema.Indexes, tx);
            Execute(connection, "ANALYZE;", tx);
            tx.Commit();
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
