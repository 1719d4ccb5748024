namespace McpDataEnv.Core.Demo;

/// <summary>
/// Builds the deterministic retail demo dataset from a fixed seed: the same rows on every machine
/// and run. Scale 1 is 4 regions, 5,000 customers, 500 products, 60,000 orders (~180,000 lines)
/// and 200 payroll rows; <c>scale</c> multiplies orders and their lines only.
/// </summary>
public static class RetailGenerator
{
    public const int CustomerCount = 5_000;
    public const int ProductCount = 500;
    public const int OrdersPerScale = 60_000;
    public const int PayrollCount = 200;

    private const ulong Seed = 0x5EED_2024_0101_0001UL;
    private static readonly DateOnly SignupStart = new(2022, 1, 1);
    private static readonly DateOnly SignupEnd = new(2025, 12, 31);

    /// <summary>The whole dataset in memory (fine up to a few scales; use <see cref="EnumerateOrders"/> beyond).</summary>
    public static RetailDataset Generate(int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var customers = Customers();
        var products = Products();
        var orders = new List<OrderRow>(OrdersPerScale * scale);
        var items = new List<OrderItemRow>(OrdersPerScale * scale * 3);
        foreach (var generated in EnumerateOrders(customers, products, scale))
        {
            orders.Add(generated.Order);
            items.AddRange(generated.Items);
        }

        return new RetailDataset(Regions(), customers, products, orders, items, Payroll());
    }

    /// <summary>
    /// The same dataset as <see cref="Generate"/>, but orders and their lines are regenerated on every pass instead
    /// of held, so seeding any scale (6,000,000 orders at scale 100) runs in constant memory.
    /// </summary>
    public static RetailDataset Stream(int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var customers = Customers();
        var products = Products();
        var stream = new RetailOrderStream(Seed, customers, products, (long)OrdersPerScale * scale);
        return new RetailDataset(Regions(), customers, products, new StreamedOrders(stream), new StreamedOrderItems(stream), Payroll());
    }

    public static IReadOnlyList<RegionRow> Regions() =>
    [
        new(1, "NA", "North America"),
        new(2, "EMEA", "Europe, Middle East and Africa"),
        new(3, "APAC", "Asia Pacific"),
        new(4, "LATAM", "Latin America"),
    ];

    public static IReadOnlyList<CustomerRow> Customers()
    {
        var rng = SplitMix64.ForStream(Seed, 1);
        var span = SignupEnd.DayNumber - SignupStart.DayNumber;
        var rows = new CustomerRow[CustomerCount];
        for (var id = 1; id <= CustomerCount; id++)
        {
            var first = rng.Pick(RetailNames.FirstNames);
            var last = rng.Pick(RetailNames.LastNames);
            var phone = $"+1-555-{rng.Between(100, 199):D4}-{rng.Next(10_000):D4}";
            var region = WeightedRegion(rng.NextDouble());
            var signup = SignupStart.AddDays(rng.Between(0, span));
            var daysLeft = SignupEnd.DayNumber - signup.DayNumber;
            DateOnly? churned = rng.NextDouble() < 0.15 && daysLeft > 0 ? signup.AddDays(rng.Between(1, daysLeft)) : null;
            var email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{id}@example.com";
            rows[id - 1] = new CustomerRow(id, $"{first} {last}", email, phone, region, signup, churned);
        }

        return rows;
    }

    public static IReadOnlyList<ProductRow> Products()
    {
        var rng = SplitMix64.ForStream(Seed, 2);
        var rows = new ProductRow[ProductCount];
        for (var id = 1; id <= ProductCount; id++)
        {
            var category = rng.Next(RetailNames.Categories.Length);
            var name = $"{rng.Pick(RetailNames.Adjectives)} {rng.Pick(RetailNames.Nouns[category])}";
            // Squaring skews prices towards the cheap end, as in a real catalogue.
            var u = rng.NextDouble();
            var priceCents = 200 + (long)(49_800 * u * u);
            var costCents = Math.Max(1, priceCents * rng.Between(40, 80) / 100);
            rows[id - 1] = new ProductRow(id, $"SKU-{id:D5}", name, RetailNames.Categories[category], priceCents / 100m, costCents / 100m);
        }

        return rows;
    }

    public static IReadOnlyList<PayrollRow> Payroll()
    {
        var rng = SplitMix64.ForStream(Seed, 3);
        var rows = new PayrollRow[PayrollCount];
        for (var id = 1; id <= PayrollCount; id++)
        {
            var name = $"{rng.Pick(RetailNames.FirstNames)} {rng.Pick(RetailNames.LastNames)}";
            rows[id - 1] = new PayrollRow(id, name, rng.NextLong(15_000_000 - 3_500_000 + 1) / 100m + 35_000m);
        }

        return rows;
    }

    /// <summary>
    /// Streams <c>60,000 × scale</c> orders in id order with their lines, in constant memory. Each order
    /// draws from its own random stream, so the sequence does not depend on how it is consumed.
    /// </summary>
    public static IEnumerable<GeneratedOrder> EnumerateOrders(IReadOnlyList<CustomerRow> customers, IReadOnlyList<ProductRow> products, int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var stream = new RetailOrderStream(Seed, customers, products, (long)OrdersPerScale * scale);
        for (long id = 1; id <= stream.Count; id++)
        {
            yield return stream.Create(id);
        }
    }

    private static long WeightedRegion(double u) => u switch
    {
        < 0.35 => 1,
        < 0.65 => 2,
        < 0.90 => 3,
        _ => 4,
    };
}
