using System.Collections;

namespace McpDataEnv.Core.Demo;

/// <summary>
/// The orders of a run as a list that holds none of them: each row is regenerated from its own random stream
/// when read, so any scale seeds in constant memory and random access costs one order's generation.
/// </summary>
internal sealed class StreamedOrders(RetailOrderStream stream) : IReadOnlyList<OrderRow>
{
    public int Count => checked((int)stream.Count);

    public OrderRow this[int index] =>
        (uint)index < (uint)Count ? stream.Create(index + 1L).Order : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<OrderRow> GetEnumerator()
    {
        for (long id = 1; id <= stream.Count; id++)
        {
            yield return stream.Create(id).Order;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
