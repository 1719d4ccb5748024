namespace McpDataEnv.Core.Demo;

/// <summary>
/// The deterministic retail demo data, identical on every machine and every run for a given
/// scale. Money values are decimals with at most 2 places (discount: fraction with 2 places),
/// so both SQLite and PostgreSQL hold the same numbers.
/// </summary>
/// <param name="OrderItems">A sequence rather than a list, so a streamed dataset (<see cref="RetailGenerator.Stream"/>)
/// can regenerate the lines on each pass instead of holding them (counting them means one full pass).</param>
public sealed record RetailDataset(
    IReadOnlyList<RegionRow> Regions,
    IReadOnlyList<CustomerRow> Customers,
    IReadOnlyList<ProductRow> Products,
    IReadOnlyList<OrderRow> Orders,
    IEnumerable<OrderItemRow> OrderItems,
    IReadOnlyList<PayrollRow> Payroll);

public sealed record RegionRow(long RegionId, string Code, string Name);

public sealed record CustomerRow(long CustomerId, string FullName, string Email, string Phone, long RegionId, DateOnly SignupDate, DateOnly? ChurnedOn);

public sealed record ProductRow(long ProductId, string Sku, string Name, string Category, decimal UnitPrice, decimal UnitCost);

/// <param name="OrderedAt">UTC timestamp without zone, second precision.</param>
/// <param name="Status">completed, cancelled or refunded.</param>
/// <param name="Channel">web, store or phone.</param>
public sealed record OrderRow(long OrderId, long CustomerId, long RegionId, DateTime OrderedAt, string Status, string Channel);

public sealed record OrderItemRow(long OrderId, long LineNo, long ProductId, long Quantity, decimal UnitPrice, decimal Discount);

public sealed record PayrollRow(long EmployeeId, string FullName, decimal Salary);
