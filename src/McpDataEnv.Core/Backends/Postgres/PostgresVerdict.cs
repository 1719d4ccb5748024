namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// What a text's full check established: its result columns, and the names of the functions it calls (in the
/// text and in the verbose plan) that a repeat re-checks against <c>pg_proc</c> in the same round trip
/// (<see cref="PostgresVerdictGuard"/>): every name except those only built-ins carry. With none left, a repeat
/// runs without the re-check.
/// </summary>
/// <remarks>
/// <para>Why built-ins need no re-check. A name is left out when, at the full check, functions of that name exist
/// and every one of them, in any schema, is a built-in: in <c>pg_catalog</c> with an oid below
/// <c>FirstNormalObjectId</c> (16384), i.e. created by <c>initdb</c> (<see cref="PostgresCatalogFacts.BuiltInNames"/>).
/// A built-in runs the server's own code; changing its definition or volatility takes a superuser editing
/// <c>pg_catalog</c>, who could as well drop the row-level security policies, so no check here holds against that.
/// The common case is the row-level security policies' <c>current_setting(...)</c>, which is in nearly every plan.</para>
/// <para>Why a function created later under a built-in's name cannot slip through. The decision is about what the
/// name can resolve to. On a repeat, an unqualified name in the text resolves through the pinned <c>search_path</c>
/// (<see cref="PostgresSessionSetup"/>: the environment's schema, then <c>pg_catalog</c>; <c>pg_temp</c> is never
/// searched for functions), so a new <c>public.current_setting</c> is out of its reach (unless <c>public</c> is the
/// environment's schema). A qualified call (<c>s.f(</c>) resolved when the text was checked, so a function named
/// <c>f</c> existed then: had it not been a built-in, the name would be re-checked. Names the plan shows from views and
/// row-level security policies are stored as oids and do not resolve again. What remains is a function created
/// afterwards where the call reaches it before the built-in — in the environment's schema, shadowing the built-in for
/// unqualified calls, or named like a type the text casts to with <c>type(value)</c> — by whoever may create objects
/// there (never the reader role); like a redefined view, the verdict's lifetime
/// (<see cref="PostgresVerifiedQueries.Lifetime"/>, 30 s) bounds it, after which the text is checked in full.</para>
/// </remarks>
internal sealed record PostgresVerdict(IReadOnlyList<ResultColumn> Columns, string[] Functions);
