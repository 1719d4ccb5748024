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
/// and runs in one round trip (see <see cref="RunVerifiedAsync"/>).
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

            await ExecuteAsync(connection, $"DECLARE {Cursor} NO SCROLL CURSOR FOR {request.Sql}\n", ct);
            var columns = await PostgresCursorReader.DescribeAsync(connection, Cursor, ct);
            var (rows, truncated) = await PostgresCursorReader.FetchAsync(connection, Cursor, columns, request, ct);
            verified.Remember(request, new PostgresVerdict(columns, [.. textFunctions.Union(plan.FunctionNames)]));
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new QueryResult(columns, rows, truncated, elapsed);
        }
        finally
        {
            await RollbackQuietlyAsync(connection);
        }
    }

    /// <summary>
    /// A verified text in one round trip: <c>BEGIN READ ONLY</c>, settings, <c>DECLARE</c>, <c>FETCH</c> and
    /// <c>ROLLBACK</c> as one pipelined batch (each command its own Parse, so a stacked statement in the text is
    /// still refused by PostgreSQL). An error skips the rest of the batch, its <c>ROLLBACK</c> included, so then the
    /// transaction is rolled back explicitly. The batch asks for text results (<see cref="PostgresTextResults"/>);
    /// results with binary columns (arrays, <c>bytea</c>) need per-column formats, which a batch cannot carry: those
    /// take three round trips. Null, after forgetting the text, when its
    /// result columns are no longer the remembered ones.
    /// </summary>
    private async Task<QueryResult?> RunVerifiedAsync(NpgsqlConnection connection, QueryRequest request, PostgresVerdict verdict, CancellationToken ct)
    {
        var columns = verdict.Columns;
        var rolledBack = false;
        try
        {
            // The access scope carries the row-filter settings (RLS reads them): a remembered query must set them too.
            await using var batch = PostgresSessionSetup.Create(connection, schema, readerRole, request.Timeout, request.Access);
            var guarded = verdict.Functions.Length > 0;
            if (guarded) batch.BatchCommands.Add(PostgresVerdictGuard.Create(verdict.Functions));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DECLARE {Cursor} NO SCROLL CURSOR FOR {request.Sql}\n"));
            if (!PostgresCursorReader.AllText(columns) || !PostgresTextResults.TryRequest(batch))
            {
                await batch.ExecuteNonQueryAsync(ct);
                var (binaryRows, binaryTruncated) = await PostgresCursorReader.FetchAsync(connection, Cursor, columns, request, ct);
                return new QueryResult(columns, binaryRows, binaryTruncated, 0);
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresCursorReader.FetchSql(Cursor, request)));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("ROLLBACK"));
            List<object?[]> rows;
            bool truncated;
            await using (var reader = await batch.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct))
            {
                await reader.NextResultAsync(ct); // past the settings row (and the guard's) to the FETCH
                if (guarded) await reader.NextResultAsync(ct);
                (rows, truncated) = await PostgresCursorReader.ReadRowsAsync(reader, columns, request, ct);
                while (await reader.NextResultAsync(ct))
                {
                    // drains the rest of the batch, so its ROLLBACK has run when the reader closes
                }
            }
            rolledBack = true;
            return new QueryResult(columns, rows, truncated, 0);
        }
        catch (Exception e) when (e is PostgresColumnsChangedException || (e is PostgresException pg && PostgresVerdictGuard.IsStale(pg)))
        {
            verified.Forget(request);
            return null;
        }
        finally
        {
            if (!rolledBack) await RollbackQuietlyAsync(connection);
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
