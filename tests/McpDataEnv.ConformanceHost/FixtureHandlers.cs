using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.ConformanceHost;

/// <summary>Completion (empty suggestions) and resource subscriptions, per session.</summary>
internal static class FixtureHandlers
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> Subscriptions = new(StringComparer.Ordinal);

    public static IMcpServerBuilder WithFixtureHandlers(this IMcpServerBuilder builder) => builder
        .WithCompleteHandler((_, _) => ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = [], HasMore = false, Total = 0 } }))
        .WithSubscribeToResourcesHandler((context, _) =>
        {
            Subscriptions.GetOrAdd(context.Server.SessionId ?? "", _ => new())[context.Params?.Uri ?? ""] = 0;
            return ValueTask.FromResult(new EmptyResult());
        })
        .WithUnsubscribeFromResourcesHandler((context, _) =>
        {
            if (Subscriptions.TryGetValue(context.Server.SessionId ?? "", out var uris))
            {
                uris.TryRemove(context.Params?.Uri ?? "", out byte _);
            }

            return ValueTask.FromResult(new EmptyResult());
        });
}
