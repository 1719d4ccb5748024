using McpDataEnv.Core.Errors;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Runs one request on one open connection, in order: deny-listed function names (text, before anything
/// reaches the planner) → read-only transaction → for a scope that may not read the catalog, functions and casts
/// that answer catalog questions (<see cref="PostgresCatalogProbes"/>) → <c>EXPLAIN (VERBOSE, FORMAT JSON)</c> (the engine's parse:
/// one plannable statement, no <c>ModifyTable</c>/<c>LockRows</c>) → volatile functions from <c>pg_proc</c>
/// → access scope over the plan's columns → <c>DECLARE</c> a cursor and <c>FETCH</c> at most MaxRows + 1 rows
/// (the server never produces more, so a huge result is never drained) → <c>ROLLBACK</c>.
/// Round trips: a first-sight text takes four, whatever the caller's role (<c>BEGIN</c> + settings + <c>EXPLAIN</c>;
/// the catalog lookups, including the view lookup for a caller with row filters (<see cref="PostgresViewGuard"/>),
/// and none when there is nothing to look up; <c>DECLARE</c> + <c>FETCH 0</c>; <c>FETCH</c> + <c>ROLLBACK</c>), one
/// more when the result has binary columns (<see cref="FetchAndRollbackAsync"/>). A text that recently passed every
/// plan check for the same scope skips them (<see cref="PostgresVerifiedQueries"/>) and runs in one (see
/// <see cref="RunVerifiedAsync"/>). The text is lexed once per request: the function guard and the view guard read
/// the same tokens.
/// </summary>
internal sealed class PostgresQueryRunner(string schema, string? readerRole, PostgresVerifiedQueries verified)
{
    private const string Cursor = "mcpdataenv_cursor";
    private readonly PostgresAccessGuard accessGuard = new(schema, readerRole);

    public async Task<QueryResult> RunAsync(NpgsqlConnection connection, QueryRequest request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var tokens = PostgresTokens.Of(request.Sql);
        var textFunctions = PostgresFunctionCalls.Find(tokens);
        PostgresFunctionPolicy.RefuseDenied(textFunctions);
        if (verified.Find(request) is { } known && await RunVerifiedAsync(connection, request, known, ct) is { } fast)
        {
            return fast with { ElapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }

        var rolledBack = false;
        try
        {
            var plan = PostgresPlan.Parse(await ExplainAsync(connection, request, PostgresCatalogProbes.Lookup(tokens, textFunctions, request.Access), ct));
            RefuseWrites(plan);
            PostgresFunctionPolicy.RefuseDenied(plan.FunctionNames);
            var functions = textFunctions.Union(plan.FunctionNames).ToArray();
            var catalog = await PostgresCatalogFacts.LoadAsync(
                connection, functions, [.. plan.ScansByAlias.Values.Distinct()], PostgresViewGuard.Candidates(tokens, request.Access), ct);
            PostgresFunctionPolicy.RefuseVolatile(catalog.VolatileNames);
            accessGuard.Check(plan, request.Access, catalog);
            PostgresViewGuard.Check(catalog);

            var columns = await PostgresCursorReader.DeclareAndDescribeAsync(connection, Cursor, request.Sql, ct);
            CappedRows rows;
            await using (var fetch = new NpgsqlBatch(connection))
            {
                (rows, rolledBack) = await FetchAndRollbackAsync(connection, fetch, 0, columns, request, ct);
            }
            verified.Remember(request, new PostgresVerdict(columns, [.. functions.Where(f => !catalog.BuiltInNames.Contains(f))]));
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new QueryResult(columns, rows.Rows, rows.Truncation, elapsed);
        }
        finally
        {
            if (!rolledBack) await PostgresTransactions.RollbackQuietlyAsync(connection);
        }
    }

    /// <summary>
    /// <c>BEGIN READ ONLY</c>, the settings, the catalog-probe lookup when the scope may not read the catalog
    /// (<see cref="PostgresCatalogProbes"/>: refused on its answer, whatever <c>EXPLAIN</c> said; and for such a scope
    /// <c>EXPLAIN</c>'s "type does not exist" is the answer a table's row type gets) and
    /// <c>EXPLAIN (VERBOSE, FORMAT JSON)</c> in one round trip.
    /// </summary>
    private async Task<string> ExplainAsync(NpgsqlConnection connection, QueryRequest request, NpgsqlBatchCommand? probes, CancellationToken ct)
    {
        await using var batch = PostgresSessionSetup.Create(connection, schema, readerRole, request.Timeout, request.Access);
        if (probes is not null) batch.BatchCommands.Add(probes);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("EXPLAIN (VERBOSE, FORMAT JSON) " + request.Sql));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the settings row
        try
        {
            if (probes is not null)
            {
                await PostgresCatalogProbes.RefuseFoundAsync(reader, request.Access, ct);
                await reader.NextResultAsync(ct);
            }
            await reader.ReadAsync(ct);
            return reader.GetString(0);
        }
        catch (PostgresException e) when (PostgresCatalogProbes.IsMissingType(e, request.Access))
        {
            throw PostgresCatalogProbes.RowTypeRefusal(request.Access);
        }
    }

    /// <summary>
    /// Appends <c>FETCH MaxRows + 1</c> and <c>ROLLBACK</c> to <paramref name="batch"/>, runs it as one round trip with
    /// text results, and reads the rows after skipping <paramref name="resultsBefore"/> result sets. Results with binary
    /// columns (arrays, <c>bytea</c>) need per-column formats, which a batch cannot carry: then the batch runs alone,
    /// the <c>FETCH</c> as its own command, and the caller rolls back (RolledBack false).
    /// </summary>
    private static async Task<(CappedRows Rows, bool RolledBack)> FetchAndRollbackAsync(
        NpgsqlConnection connection, NpgsqlBatch batch, int resultsBefore, IReadOnlyList<ResultColumn> columns, QueryRequest request, CancellationToken ct)
    {
        if (!PostgresCursorReader.AllText(columns) || !PostgresTextResults.TryRequest(batch))
        {
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
            return (await PostgresCursorReader.FetchAsync(connection, Cursor, columns, request, ct), false);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresCursorReader.FetchSql(Cursor, request)));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("ROLLBACK"));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < resultsBefore; i++) await reader.NextResultAsync(ct);
        var rows = await PostgresCursorReader.ReadRowsAsync(reader, columns, request, ct);
        while (await reader.NextResultAsync(ct))
        {
            // drains the rest of the batch, so its ROLLBACK has run when the reader closes
        }
        return (rows, true);
    }

    /// <summary>
    /// A verified text in one round trip: <c>BEGIN READ ONLY</c>, settings, <c>DECLARE</c>, <c>FETCH</c> and
    /// <c>ROLLBACK</c> as one pipelined batch (each command its own Parse, so a stacked statement in the text is
    /// still refused by PostgreSQL). An error skips the rest of the batch, its <c>ROLLBACK</c> included, so then the
    /// transaction is rolled back explicitly. The batch asks for text results (<see cref="PostgresTextResults"/>);
    /// results with binary columns take three round trips (<see cref="FetchAndRollbackAsync"/>). The volatility re-check
    /// joins the batch only when the text may call a function that is not a built-in (<see cref="PostgresVerdict"/>). Null, after
    /// forgetting the text, when its result columns are no longer the remembered ones or a function it calls
    /// became volatile (<see cref="PostgresVerdictGuard"/>).
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
            var (rows, done) = await FetchAndRollbackAsync(connection, batch, guarded ? 2 : 1, columns, request, ct);
            rolledBack = done;
            return new QueryResult(columns, rows.Rows, rows.Truncation, 0);
        }
        catch (Exception e) when (e is PostgresColumnsChangedException || (e is PostgresException pg && PostgresVerdictGuard.IsStale(pg)))
        {
            verified.Forget(request);
            return null;
        }
        finally
        {
            if (!rolledBack) await PostgresTransactions.RollbackQuietlyAsync(connection);
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
}
