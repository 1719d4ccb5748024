using McpDataEnv.Core.Errors;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Runs one request on one open connection, in order: deny-listed function names (text, before anything
/// reaches the planner) → read-only transaction → <c>EXPLAIN (VERBOSE, FORMAT JSON)</c> (the engine's parse:
/// one plannable statement, no <c>ModifyTable</c>/<c>LockRows</c>) → volatile functions from <c>pg_proc</c>
/// → access scope over the plan's columns → <c>DECLARE</c> a cursor and <c>FETCH</c> at most MaxRows + 1 rows
/// (the server never produces more, so a huge result is never drained) → <c>ROLLBACK</c>.
/// A text that recently passed every plan check for the same scope skips them (<see cref="PostgresVerifiedQueries"/>)
/// and runs in three round trips: <c>BEGIN READ ONLY</c> + settings + <c>DECLARE</c> as one batch, <c>FETCH</c>, <c>ROLLBACK</c>.
/// </summary>
internal sealed class PostgresQueryRunner(string schema, string? readerRole, PostgresVerifiedQueries verified)
{
    private const string Cursor = "mcpdataenv_cursor";
    private readonly PostgresAccessGuard accessGuard = new(schema, readerRole);

    public async Task<QueryResult> RunAsync(NpgsqlConnection connection, QueryRequest request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var textFunctions = PostgresFunctionCalls.Find(request.Sql);
        PostgresFunctionPolicy.RefuseDenied(textFunctions);
        if (verified.Find(request) is { } known && await RunVerifiedAsync(connection, request, known, ct) is { } fast)
        {
            return fast with { ElapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }

        await using (var setup = PostgresSessionSetup.Create(connection, schema, readerRole, request.Timeout, request.Access))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var plan = PostgresPlan.Parse(await ScalarAsync(connection, "EXPLAIN (VERBOSE, FORMAT JSON) " + request.Sql, ct));
            RefuseWrites(plan);
            PostgresFunctionPolicy.RefuseDenied(plan.FunctionNames);
            PostgresFunctionPolicy.RefuseVolatile(await VolatileAsync(connection, textFunctions.Union(plan.FunctionNames), ct));
            await accessGuard.CheckAsync(connection, plan, request.Access, ct);
            await PostgresViewGuard.CheckAsync(connection, request.Sql, request.Access, ct);

            await ExecuteAsync(connection, $"DECLARE {Cursor} NO SCROLL CURSOR FOR {request.Sql}\n", ct);
            var columns = await PostgresCursorReader.DescribeAsync(connection, Cursor, ct);
            var (rows, truncated) = await PostgresCursorReader.FetchAsync(connection, Cursor, columns, request, ct);
            verified.Remember(request, columns);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new QueryResult(columns, rows, truncated, elapsed);
        }
        finally
        {
            await RollbackQuietlyAsync(connection);
        }
    }

    /// <summary>
    /// Three round trips for a verified text (settings and <c>DECLARE</c> in one batch, <c>FETCH</c>, <c>ROLLBACK</c>);
    /// null, after forgetting the text, when its result columns are no longer the remembered ones.
    /// </summary>
    private async Task<QueryResult?> RunVerifiedAsync(NpgsqlConnection connection, QueryRequest request, IReadOnlyList<ResultColumn> columns, CancellationToken ct)
    {
        try
        {
            // The access scope carries the row-filter settings (RLS reads them): a remembered query must set them too.
            await using (var batch = PostgresSessionSetup.Create(connection, schema, readerRole, request.Timeout, request.Access))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"DECLARE {Cursor} NO SCROLL CURSOR FOR {request.Sql}\n"));
                await batch.ExecuteNonQueryAsync(ct);
            }
            var (rows, truncated) = await PostgresCursorReader.FetchAsync(connection, Cursor, columns, request, ct);
            return new QueryResult(columns, rows, truncated, 0);
        }
        catch (PostgresColumnsChangedException)
        {
            verified.Forget(request);
            return null;
        }
        finally
        {
            await RollbackQuietlyAsync(connection);
        }
    }

    private static void RefuseWrites(PostgresPlan plan)
    {
        if (plan.NodeTypes.Contains("ModifyTable") || plan.NodeTypes.Contains("LockRows"))
        {
            throw new DataEnvException(ErrorCodes.EngineRefused,
                "The statement writes or locks rows; only read queries are allowed.",
                new Dictionary<string, object?> { ["rule"] = "postgres.plan_writes" });
        }
    }

    private static async Task<IEnumerable<string>> VolatileAsync(NpgsqlConnection connection, IEnumerable<string> names, CancellationToken ct)
    {
        var candidates = names.ToArray();
        if (candidates.Length == 0) return [];
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT proname::text FROM pg_catalog.pg_proc WHERE proname = ANY($1::text[]) AND provolatile = 'v'", connection)
        {
            Parameters = { new() { Value = candidates } },
        };
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetString(0));
        return result;
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await using var cmd = new NpgsqlCommand("ROLLBACK", connection);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is discarded by the pool; a healthy one is reset (DISCARD ALL) on return.
        }
    }
}
