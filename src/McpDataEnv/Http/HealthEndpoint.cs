using McpDataEnv.Hosting;
using Microsoft.AspNetCore.Http;

namespace McpDataEnv.Http;

/// <summary>
/// <c>GET /health</c>: readiness for load balancers, without authentication. Says only whether the database
/// answers, never what or where it is.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static async Task<IResult> CheckAsync(EnvironmentRuntime runtime, CancellationToken cancellationToken)
    {
        bool database;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            database = await runtime.Backend.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Any failure means not ready; the reason stays in the server's own logs.
            database = false;
        }

        var body = new { status = database ? "ok" : "unavailable", database = database ? "ok" : "unavailable" };
        return Results.Json(body, statusCode: database ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
