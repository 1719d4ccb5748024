namespace McpDataEnv.Core.Backends;

/// <summary>Reads the live catalog of the backend (cached by implementations; refresh on demand).</summary>
public interface ISchemaReader
{
    Task<LiveSchema> ReadSchemaAsync(bool refresh, CancellationToken cancellationToken);
}
