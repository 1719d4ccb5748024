namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>The cursor's columns are not the ones the caller described (a remembered description went stale).</summary>
internal sealed class PostgresColumnsChangedException : Exception
{
    public PostgresColumnsChangedException()
        : base("The statement's result columns changed since they were described.")
    {
    }
}
