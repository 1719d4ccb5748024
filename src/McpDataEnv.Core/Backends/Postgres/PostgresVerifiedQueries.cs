using McpDataEnv.Core.Governance;
using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Remembers, for a short while, that a statement text passed the plan checks (no writes or locks, no denied or
/// volatile function, every column it reads allowed) for one access scope, together with its result columns, so
/// a repeated query skips <c>EXPLAIN</c>, the catalog lookups and <c>FETCH 0</c> (see <see cref="PostgresQueryRunner"/>).
/// </summary>
/// <remarks>
/// <para>What makes the verdict, and so the key: the exact SQL text (names resolve through the pinned
/// <c>search_path</c>, the same on every run), the reader role (whose grants RLS and privileges apply) and the access
/// scope instance (role, columns, row filters; a scope's answers are assumed stable for its lifetime, and a new
/// scope never reuses another's verdicts). The backend, and so the database and schema, owns the cache.</para>
/// <para>What can change underneath, and what covers it: (1) a function redefined as <c>VOLATILE</c> — re-checked
/// against <c>pg_proc</c> inside the same round trip on every repeat (<see cref="PostgresVerdictGuard"/>), except names
/// only built-ins carry, which cannot be redefined short of a superuser editing <c>pg_catalog</c> (<see cref="PostgresVerdict"/>
/// says why a function created later under such a name cannot slip through); deny-listed names are checked on the text
/// of every call before this cache is consulted. (2) a view or table redefined so the
/// text returns other columns — the cursor's columns are compared with the remembered ones before a value is read,
/// and the text is then checked in full. (3) a view redefined to read other columns under the same output shape —
/// only <see cref="Lifetime"/> bounds it (30 s), behind the reader role's column grants, which PostgreSQL checks on
/// every run. Such DDL is an operator's act (the reader role owns nothing and may create nothing). The read-only
/// transaction, the timeouts, row-level security settings and the one-statement-per-Parse protocol apply to every
/// run regardless; the cache only skips <c>EXPLAIN</c>, the catalog lookups and <c>FETCH 0</c>.</para>
/// </remarks>
internal sealed class PostgresVerifiedQueries(IMemoryCache cache, string? readerRole)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public PostgresVerdict? Find(QueryRequest request) =>
        cache.TryGetValue(Key(request), out PostgresVerdict? verdict) ? verdict : null;

    public void Remember(QueryRequest request, PostgresVerdict verdict) =>
        cache.Set(Key(request), verdict, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = request.Sql.Length + 1 });

    public void Forget(QueryRequest request) => cache.Remove(Key(request));

    private (Type, string, string?, IAccessScope) Key(QueryRequest request) =>
        (typeof(PostgresVerifiedQueries), request.Sql, readerRole, request.Access);
}
