namespace McpDataEnv.Core.Demo;

/// <summary>One order with its lines, as streamed by <see cref="RetailGenerator.EnumerateOrders"/>.</summary>
public sealed record GeneratedOrder(OrderRow Order, IReadOnlyList<OrderItemRow> Items);
