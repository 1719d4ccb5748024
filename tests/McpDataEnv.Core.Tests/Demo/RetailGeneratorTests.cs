using McpDataEnv.Core.Demo;

namespace McpDataEnv.Core.Tests.Demo;

public sealed class RetailGeneratorTests
{
    // Changing the generator changes this on purpose: update it only with a deliberate data change.
    private const string ScaleOneChecksum = "D4CE8944615798056C98A1BEF17538FB7A7102DD4CD4C2E48AE31ACBFDC0112B";

    private static readonly Lazy<RetailDataset> ScaleOne = new(() => RetailGenerator.Generate());

    [Fact]
    public void Generator_produces_identical_data_on_every_run() =>
        RetailDatasetChecksum.Of(RetailGenerator.Generate()).Should().Be(RetailDatasetChecksum.Of(ScaleOne.Value));

    [Fact]
    public void Generator_scale_one_matches_the_committed_checksum() =>
        RetailDatasetChecksum.Of(ScaleOne.Value).Should().Be(ScaleOneChecksum);

    [Fact]
    public void Generator_scale_one_has_the_specified_volumes()
    {
        var d = ScaleOne.Value;
        d.Regions.Select(r => (r.RegionId, r.Code)).Should().Equal((1L, "NA"), (2L, "EMEA"), (3L, "APAC"), (4L, "LATAM"));
        d.Customers.Should().HaveCount(5_000);
        d.Products.Should().HaveCount(500);
        d.Orders.Should().HaveCount(60_000);
        d.Payroll.Should().HaveCount(200);
        ((double)d.OrderItems.Count() / d.Orders.Count).Should().BeInRange(2.8, 3.2);
        d.OrderItems.GroupBy(i => i.OrderId).Select(g => g.Count()).Should().OnlyContain(n => n >= 1 && n <= 5);
    }

    [Fact]
    public void Generator_customers_are_plausible_and_unique()
    {
        var customers = ScaleOne.Value.Customers;
        customers.Select(c => c.Email).Should().OnlyHaveUniqueItems();
        customers.Should().OnlyContain(c => c.Email.EndsWith("@example.com") && c.FullName.Contains(' '));
        customers.Should().OnlyContain(c => System.Text.RegularExpressions.Regex.IsMatch(c.Phone, @"^\+1-555-\d{4}-\d{4}$"));
        customers.Should().OnlyContain(c => c.SignupDate >= new DateOnly(2022, 1, 1) && c.SignupDate <= new DateOnly(2025, 12, 31));
        customers.Should().OnlyContain(c => c.ChurnedOn == null || (c.ChurnedOn > c.SignupDate && c.ChurnedOn <= new DateOnly(2025, 12, 31)));
        (customers.Count(c => c.ChurnedOn != null) / 5_000.0).Should().BeInRange(0.12, 0.18);
        customers.Select(c => c.RegionId).Distinct().Should().BeEquivalentTo(new long[] { 1, 2, 3, 4 });
    }

    [Fact]
    public void Generator_products_have_unique_skus_and_cost_below_price()
    {
        var products = ScaleOne.Value.Products;
        products.Select(p => p.Sku).Should().OnlyHaveUniqueItems();
        products[0].Sku.Should().Be("SKU-00001");
        products.Select(p => p.Category).Distinct().Should().HaveCount(8);
        products.Should().OnlyContain(p => p.UnitPrice >= 2m && p.UnitPrice <= 500m && p.UnitCost > 0m && p.UnitCost < p.UnitPrice);
        products.Should().OnlyContain(p => decimal.Round(p.UnitPrice, 2) == p.UnitPrice && decimal.Round(p.UnitCost, 2) == p.UnitCost);
    }

    [Fact]
    public void Generator_orders_follow_the_specified_distributions()
    {
        var d = ScaleOne.Value;
        var regionOf = d.Customers.ToDictionary(c => c.CustomerId, c => c.RegionId);
        d.Orders.Should().OnlyContain(o => o.RegionId == regionOf[o.CustomerId]);
        d.Orders.Should().OnlyContain(o => o.OrderedAt >= new DateTime(2024, 1, 1) && o.OrderedAt < new DateTime(2026, 1, 1) && o.OrderedAt.Millisecond == 0);
        d.Orders.Select(o => o.Channel).Distinct().Should().BeEquivalentTo("web", "store", "phone");
        Share(d.Orders, "completed").Should().BeInRange(0.83, 0.87);
        Share(d.Orders, "cancelled").Should().BeInRange(0.08, 0.12);
        Share(d.Orders, "refunded").Should().BeInRange(0.04, 0.06);
    }

    [Fact]
    public void Generator_order_items_carry_the_product_price_and_bounded_discounts()
    {
        var d = ScaleOne.Value;
        var price = d.Products.ToDictionary(p => p.ProductId, p => p.UnitPrice);
        d.OrderItems.Should().OnlyContain(i => i.UnitPrice == price[i.ProductId] && i.Quantity >= 1 && i.Quantity <= 10);
        d.OrderItems.Should().OnlyContain(i => i.Discount >= 0m && i.Discount <= 0.5m && decimal.Round(i.Discount, 2) == i.Discount);
        d.OrderItems.Count(i => i.Discount == 0m).Should().BeGreaterThan(d.OrderItems.Count() / 2);
        d.OrderItems.GroupBy(i => i.OrderId).Should().OnlyContain(g => g.Select(i => i.LineNo).SequenceEqual(Enumerable.Range(1, g.Count()).Select(n => (long)n)));
    }

    [Fact]
    public void Generator_payroll_salaries_have_two_places()
    {
        ScaleOne.Value.Payroll.Should().OnlyContain(p => p.Salary >= 35_000m && p.Salary <= 185_000m && decimal.Round(p.Salary, 2) == p.Salary);
    }

    [Fact]
    public void Generator_scale_multiplies_orders_only_and_streams_the_same_rows()
    {
        var d = ScaleOne.Value;
        var streamed = RetailGenerator.EnumerateOrders(d.Customers, d.Products, scale: 2).ToList();
        streamed.Should().HaveCount(120_000);
        streamed.Select(o => o.Order.OrderId).Should().BeInAscendingOrder();
        var firstOfScaleOne = RetailGenerator.EnumerateOrders(d.Customers, d.Products).First();
        firstOfScaleOne.Order.Should().Be(d.Orders[0]);
        firstOfScaleOne.Items.Should().Equal(d.OrderItems.TakeWhile(i => i.OrderId == 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Generator_refuses_a_scale_below_one(int scale) =>
        FluentActions.Invoking(() => RetailGenerator.Generate(scale)).Should().Throw<ArgumentOutOfRangeException>();

    private static double Share(IReadOnlyList<OrderRow> orders, string status) => orders.Count(o => o.Status == status) / (double)orders.Count;
}
