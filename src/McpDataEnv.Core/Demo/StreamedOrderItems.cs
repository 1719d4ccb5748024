using System.Collections;

namespace McpDataEnv.Core.Demo;

/// <summary>
/// The order lines of a run, regenerated order by order on every enumeration (constant memory at any scale).
/// Deliberately a sequence without a count: the number of lines is only known after generating every order.
/// </summary>
internal sealed class StreamedOrderItems(RetailOrderStream stream) : IEnumerable<OrderItemRow>
{
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
