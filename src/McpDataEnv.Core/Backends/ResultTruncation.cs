namespace McpDataEnv.Core.Backends;

/// <summary>Which cap, if any, cut a result short. Either way more rows existed than were returned.</summary>
public enum ResultTruncation
{
    /// <summary>Every row the query produced was returned.</summary>
    None,

    /// <summary>The row cap (<see cref="QueryRequest.MaxRows"/>) was reached.</summary>
    Rows,

    /// <summary>The next row would have passed the result-size cap (<see cref="QueryRequest.MaxResultBytes"/>).</summary>
    Bytes,
}
