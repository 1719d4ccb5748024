namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// What a text's full check established: its result columns, and the names of the functions it calls (in the
/// text and in the verbose plan), which a repeat re-checks against <c>pg_proc</c> in the same round trip
/// (<see cref="PostgresVerdictGuard"/>).
/// </summary>
internal sealed record PostgresVerdict(IReadOnlyList<ResultColumn> Columns, string[] Functions);
