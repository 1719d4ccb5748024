using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Backends;

/// <summary>One read-only query to run.</summary>
/// <param name="Sql">Text that already passed the gate (the backend re-verifies with the engine).</param>
/// <param name="MaxRows">Row cap; the backend fetches one more row to know whether to set truncated.</param>
/// <param name="Timeout">Statement timeout; the engine is interrupted when it passes.</param>
/// <param name="MaxResultBytes">Cap on the approximate serialized size of the rows returned.</param>
/// <param name="Access">Who is asking; the backend lets the engine report every column read and asks this.</param>
public sealed record QueryRequest(
    string Sql,
    int MaxRows,
    TimeSpan Timeout,
    long MaxResultBytes,
    IAccessScope Access);
