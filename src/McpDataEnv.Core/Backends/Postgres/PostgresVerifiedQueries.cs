using McpDataEnv.Core.Governance;
using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Remembers, for a short while, that a statement text passed the plan checks (no writes or locks, no denied or
/// volatile function, every column it reads allowed) for one access scope, together with its result columns, so
/// a repeated query skips <c>EXPLAIN</c>, the catalog lookups and <c>FETCH 0</c> (see <see cref="PostgresQueryRunner"/>).
/// </summary>
/// <remarks>
/// Keyed by the exact SQL text, the reader role and the access scope instance (a scope's answers are assumed
/// stable for its lifetime; a new scope never reuses another's verdicts). Entries expire after
/// <see cref="Lifetime"/>, which bounds how long a verdict can outlive DDL that changes what the text means (a
/// redefined view or function); the read-only transaction, the reader role's grants and the one-statement
/// protocol are enforced on every run regardless, and the text gate and the deny-listed function names are
/// checked on every call before this cache is consulted.
/// </remarks>
internal sealed class PostgresVerifiedQueries(IMemoryCache cache, string? readerRole)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public IReadOnlyList<ResultColumn>? Find(QueryRequest request) =>
        cache.TryGetValue(Key(request), out IReadOnlyList<ResultColumn>? columns) ? columns : null;

    public void Remember(QueryRequest request, IReadOnlyList<ResultColumn> columns) =>
        cache.Set(Key(request), columns, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = request.Sql.Length + 1 });

    public void Forget(QueryRequest request) => cache.Remove(Key(request));

    private (Type, string, string?, IAccessScope) Key(QueryRequest request) =>
        (typeof(PostgresVerifiedQueries), request.Sql, readerRole, request.Access);
}
