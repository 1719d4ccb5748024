using System.Text.Json.Nodes;

namespace McpDataEnv.Tests.Support;

/// <summary>Driver plans for the HTTP transports (the official TypeScript client over Streamable HTTP or SSE).</summary>
public static class HttpPlans
{
    public static Task<DriverReport> RunAsync(string transport, string url, string? key, params JsonObject[] steps)
    {
        var headers = new JsonObject();
        if (key is not null)
        {
            headers["Authorization"] = "Bearer " + key;
        }

        var plan = new JsonObject { ["transport"] = transport, ["url"] = url, ["headers"] = headers, ["steps"] = new JsonArray(steps) };
        return McpDriver.RunPlanAsync(plan);
    }
}
