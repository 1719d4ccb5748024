namespace McpDataEnv.Benchmarks;

/// <summary>
/// Deterministic, realistic memory passages (analyst findings, metric definitions, query patterns, anomalies) over a
/// retail vocabulary, so search is measured on text shaped like what a model stores, not on a toy vocabulary.
/// </summary>
internal static class MemoryCorpus
{
    private static readonly string[] Metrics = ["revenue", "gross margin", "net revenue", "refund rate", "churn", "conversion rate", "average order value", "repeat purchase rate", "inventory turnover", "discount depth", "basket size", "customer lifetime value", "return rate", "fulfilment time", "cart abandonment"];
    private static readonly string[] Regions = ["EMEA", "APAC", "LATAM", "North America", "Germany", "France", "Japan", "Brazil", "Canada", "the UK", "Australia", "Mexico", "India", "Spain", "Italy"];
    private static readonly string[] Categories = ["electronics", "apparel", "home goods", "beauty", "toys", "groceries", "sporting goods", "furniture", "books", "garden", "jewellery", "footwear", "pet supplies", "office supplies", "kitchenware"];
    private static readonly string[] Drivers = ["a pricing change", "the loyalty programme", "a supplier delay", "seasonal demand", "a marketing campaign", "free shipping", "a competitor promotion", "stock-outs", "a website redesign", "currency movements", "new store openings", "a recall", "longer delivery times", "bundle offers", "the holiday peak"];
    private static readonly string[] Channels = ["mobile app", "web", "marketplace", "stores", "call centre", "social commerce"];
    private static readonly string[] Segments = ["new", "returning", "high-value", "dormant", "student", "business"];
    private static readonly string[] Directions = ["rose", "fell", "stayed flat", "doubled", "recovered", "dipped"];

    public static IEnumerable<(string Content, string[] Tags)> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        T Pick<T>(T[] items) => items[(int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * items.Length)]; // Zipf-like skew
        for (var i = 0; i < count; i++)
        {
            var (metric, region, category) = (Pick(Metrics), Pick(Regions), Pick(Categories));
            var quarter = $"Q{random.Next(1, 5)} {random.Next(2023, 2026)}";
            var content = (i % 5) switch
            {
                0 => $"Finding: {metric} in {region} {Pick(Directions)} {random.Next(1, 40)}.{random.Next(10)}% in {quarter}, driven by {Pick(Drivers)} in {category}.",
                1 => $"Definition agreed with finance: {metric} for {category} excludes cancelled orders and counts refunds in the month they are issued ({quarter} review).",
                2 => $"Query pattern: {metric} by {region} and {Pick(Channels)} joins orders to order_items, filters status = 'completed' and groups by month.",
                3 => $"Observation: {Pick(Segments)} customers buying {category} through the {Pick(Channels)} show {metric} that {Pick(Directions)} after {Pick(Drivers)}.",
                _ => $"Anomaly on {quarter}: {metric} spiked for {category} in {region}; root cause was {Pick(Drivers)}, verified against the ledger.",
            };
            yield return (content, [category.Replace(' ', '_'), region.ToLowerInvariant().Replace(' ', '_')]);
        }
    }
}
