namespace McpDataEnv.Core.Scripting;

/// <summary>
/// How a script's <c>sql(query)</c> reaches the database: implemented by the server with the read-only gate,
/// the backend, the request's access scope and policy. The worker process never holds a connection.
/// </summary>
public interface ISqlBridge
{
    /// <summary>Runs one query for the script. Refusals are returned as <see cref="SqlBridgeResult.Fail"/> or thrown as <c>DataEnvException</c>.</summary>
    Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct);
}
