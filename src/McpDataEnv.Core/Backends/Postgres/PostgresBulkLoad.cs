using McpDataEnv.Core.Demo;
using Npgsql;
using NpgsqlTypes;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Binary <c>COPY</c> of every demo table (seconds for hundreds of thousands of rows).</summary>
internal static class PostgresBulkLoad
{
    public static async Task LoadAsync(NpgsqlConnection c, string s, RetailDataset d, CancellationToken ct)
    {
        await CopyAsync(c, $"{s}.regions (region_id, code, name)", d.Regions, async (w, r) =>
        {
            await Int(w, r.RegionId, ct); await w.WriteAsync(r.Code, NpgsqlDbType.Text, ct); await w.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
        }, ct);
        await CopyAsync(c, $"{s}.customers (customer_id, full_name, email, phone, region_id, signup_date, churned_on)", d.Customers, async (w, r) =>
        {
            await Int(w, r.CustomerId, ct); await w.WriteAsync(r.FullName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Email, NpgsqlDbType.Text, ct); await w.WriteAsync(r.Phone, NpgsqlDbType.Text, ct);
            await Int(w, r.RegionId, ct); await w.WriteAsync(r.SignupDate, NpgsqlDbType.Date, ct);
            if (r.ChurnedOn is { } churned) await w.WriteAsync(churned, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
        }, ct);
        await CopyAsync(c, $"{s}.products (product_id, sku, name, category, unit_price, unit_cost)", d.Products, async (w, r) =>
        {
            await Int(w, r.ProductId, ct); await w.WriteAsync(r.Sku, NpgsqlDbType.Text, ct); await w.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Category, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.UnitPrice, NpgsqlDbType.Numeric, ct); await w.WriteAsync(r.UnitCost, NpgsqlDbType.Numeric, ct);
        }, ct);
        await CopyAsync(c, $"{s}.orders (order_id, customer_id, region_id, ordered_at, status, channel)", d.Orders, async (w, r) =>
        {
            await w.WriteAsync(r.OrderId, NpgsqlDbType.Bigint, ct); await Int(w, r.CustomerId, ct); await Int(w, r.RegionId, ct);
            await w.WriteAsync(DateTime.SpecifyKind(r.OrderedAt, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct);
            await w.WriteAsync(r.Status, NpgsqlDbType.Text, ct); await w.WriteAsync(r.Channel, NpgsqlDbType.Text, ct);
        }, ct);
        await CopyAsync(c, $"{s}.order_items (order_id, line_no, product_id, quantity, unit_price, discount)", d.OrderItems, async (w, r) =>
        {
            await w.WriteAsync(r.OrderId, NpgsqlDbType.Bigint, ct); await Int(w, r.LineNo, ct); await Int(w, r.ProductId, ct);
            await Int(w, r.Quantity, ct);
            await w.WriteAsync(r.UnitPrice, NpgsqlDbType.Numeric, ct); await w.WriteAsync(r.Discount, NpgsqlDbType.Numeric, ct);
        }, ct);
        await CopyAsync(c, $"{s}.payroll (employee_id, full_name, salary)", d.Payroll, async (w, r) =>
        {
            await Int(w, r.EmployeeId, ct); await w.WriteAsync(r.FullName, NpgsqlDbType.Text, ct); await w.WriteAsync(r.Salary, NpgsqlDbType.Numeric, ct);
        }, ct);
    }

    private static Task Int(NpgsqlBinaryImporter w, long value, CancellationToken ct) => w.WriteAsync(checked((int)value), NpgsqlDbType.Integer, ct);

    private static async Task CopyAsync<T>(NpgsqlConnection c, string target, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var importer = await c.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            await write(importer, row);
        }
        await importer.CompleteAsync(ct);
    }
}
