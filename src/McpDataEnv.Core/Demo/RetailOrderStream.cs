namespace McpDataEnv.Core.Demo;

/// <summary>Creates order <c>n</c> of a run directly from its own random stream (so it can be streamed).</summary>
internal sealed class RetailOrderStream(ulong seed, IReadOnlyList<CustomerRow> customers, IReadOnlyList<ProductRow> products, long count)
{
    private const ulong OrderStreamBase = 1UL << 40;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly long SpanSeconds = (long)(new DateTime(2026, 1, 1) - Start).TotalSeconds;
    private static readonly string[] Channels = ["web", "store", "phone"];

    public long Count => count;

    public GeneratedOrder Create(long orderId)
    {
        var rng = SplitMix64.ForStream(seed, OrderStreamBase + (ulong)orderId);
        // Spread orders evenly over the two years so ids grow with time, with jitter inside each slot.
        var offset = ((orderId - 1) * SpanSeconds + rng.NextLong(SpanSeconds)) / count;
        var orderedAt = Start.AddSeconds(offset);
        var customer = PickActiveCustomer(ref rng, DateOnly.FromDateTime(orderedAt));
        var status = rng.NextDouble() switch { < 0.85 => "completed", < 0.95 => "cancelled", _ => "refunded" };
        var channel = Channels[rng.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 }];
        var order = new OrderRow(orderId, customer.CustomerId, customer.RegionId, orderedAt, status, channel);
        return new GeneratedOrder(order, Lines(ref rng, orderId));
    }

    private CustomerRow PickActiveCustomer(ref SplitMix64 rng, DateOnly day)
    {
        var candidate = rng.Pick(customers);
        for (var attempt = 0; attempt < 8 && !IsActive(candidate, day); attempt++)
        {
            candidate = rng.Pick(customers);
        }

        return candidate;
    }

    private static bool IsActive(CustomerRow c, DateOnly day) => c.SignupDate <= day && (c.ChurnedOn is null || c.ChurnedOn >= day);

    private OrderItemRow[] Lines(ref SplitMix64 rng, long orderId)
    {
        var lines = new OrderItemRow[rng.Between(1, 5)];
        Span<int> used = stackalloc int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            int index;
            do
            {
                index = rng.Next(products.Count);
            }
            while (used[..i].Contains(index));

            used[i] = index;
            var product = products[index];
            var u = rng.NextDouble();
            var quantity = 1 + (long)(10 * u * u);
            var discount = rng.NextDouble() < 0.7 ? 0m : rng.Between(1, 10) * 0.05m;
            lines[i] = new OrderItemRow(orderId, i + 1, product.ProductId, quantity, product.UnitPrice, discount);
        }

        return lines;
    }
}
