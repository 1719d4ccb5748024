using System.Collections;

namespace McpDataEnv.Core.Demo;

/// <summary>
/// The order lines of a run, regenerated order by order on every enumeration (constant memory at any scale).
/// <see cref="Count"/> is only known after one pass, so the first read of it generates every order once.
/// </summary>
internal sealed class StreamedOrderItems(RetailOrderStream stream) : IReadOnlyCollection<OrderItemRow>
{
    private readonly Lazy<int> _count = new(() =>
    {
        var lines = 0L;
        for (long id = 1; id <= stream.Count; id++)
        {
            lines += stream.Create(id).Items.Count;
        }

        return checked((int)lines);
    });

    public int Count => _count.Value;

    public IEnumerator<OrderItemRow> GetEnumerator()
    {
        for (long id = 1; id <= stream.Count; id++)
        {
            foreach (var item in stream.Create(id).Items)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
