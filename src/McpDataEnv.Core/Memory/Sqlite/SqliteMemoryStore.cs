using McpDataEnv.Core.Errors;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>
/// The memory store in its own SQLite file (<c>&lt;environment&gt;/data/memory.db</c>, never the analytics database).
/// WAL, <c>BEGIN IMMEDIATE</c> for every write and all checks inside that transaction, so several server processes
/// on one file never lose each other's writes. Search is FTS5 with bm25 (see <see cref="SqliteMemorySearch"/>).
/// </summary>
public sealed class SqliteMemoryStore : IMemoryStore, IDisposable
{
    private readonly SqliteMemoryDatabase database;
    private readonly SqliteMemorySearch search;
    private readonly SqliteHitLoader loader;

    private readonly string path;
    private readonly Lock migrationGate = new();
    private volatile bool migrated;

    /// <summary>A store at <paramref name="path"/>; the file is created or migrated on first use.</summary>
    /// <remarks>
    /// Not in the constructor: a failure there (folder not writable yet, file locked past the busy timeout) would be
    /// cached by whoever holds the store lazily; on first use it is retried by the next call instead.
    /// </remarks>
    public SqliteMemoryStore(string path, SqliteMemoryStoreOptions? options = null)
    {
        this.path = path;
        options ??= SqliteMemoryStoreOptions.Default;
        database = new SqliteMemoryDatabase(path, options);
        search = new SqliteMemorySearch(database, Math.Max(1, options.RankWindow), options.BroadTermMinRows);
        loader = new SqliteHitLoader(database);
    }

    /// <summary>Closes the store's write connection (reads use pooled connections).</summary>
    public void Dispose() => database.Dispose();

    public Task<IReadOnlyList<CoreBlock>> GetCoreBlocksAsync(MemoryScope scope, CancellationToken cancellationToken = default)
    {
        using var connection = Ready().Open();
        using var command = SqliteMemoryDatabase.Command(
            connection,
            "SELECT key, value, version, updated_at, updated_by FROM core_blocks WHERE environment = $e AND principal = $p AND value <> '' ORDER BY key;",
            ("$e", scope.Environment), ("$p", scope.Principal));
        using var reader = command.ExecuteReader();
        var blocks = new List<CoreBlock>();
        while (reader.Read())
        {
            blocks.Add(new CoreBlock(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), FromMs(reader.GetInt64(3)), reader.GetString(4)));
        }

        return Task.FromResult<IReadOnlyList<CoreBlock>>(blocks);
    }

    public Task<IReadOnlyList<CoreRevision>> GetHistoryAsync(MemoryScope scope, string key, CancellationToken cancellationToken = default)
    {
        using var connection = Ready().Open();
        using var command = SqliteMemoryDatabase.Command(
            connection,
            """
            SELECT r.version, r.action, r.old_value, r.new_value, r.principal, r.at, r.tool, r.request_id, r.passage_id
            FROM core_revisions r JOIN core_blocks b ON b.id = r.block_id
            WHERE b.environment = $e AND b.principal = $p AND b.key = $k ORDER BY r.version;
            """,
            ("$e", scope.Environment), ("$p", scope.Principal), ("$k", key));
        using var reader = command.ExecuteReader();
        var revisions = new List<CoreRevision>();
        while (reader.Read())
        {
            revisions.Add(new CoreRevision(
                key, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                FromMs(reader.GetInt64(5)), reader.GetString(6), NullableString(reader, 7), NullableString(reader, 8)));
        }

        return Task.FromResult<IReadOnlyList<CoreRevision>>(revisions);
    }

    public Task<CoreWriteOutcome> WriteCoreAsync(
        MemoryWrite write, string key, string value, long? expectedVersion, int maxBlocks, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready().Write(connection => new SqliteCoreWriter(connection, write).Write(key, value, expectedVersion, maxBlocks)));

    public Task<string> AppendPassageAsync(MemoryWrite write, string content, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready().Write(connection =>
        {
            SqliteWriteBudget.Enforce(connection, write);
            return SqlitePassageWriter.Insert(connection, write, content, tags).PublicId;
        }));

    public Task<string> ArchiveCoreBlockAsync(MemoryWrite write, string key, IReadOnlyList<string> tags, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready().Write(connection => new SqliteCoreWriter(connection, write).Archive(key, tags)));

    public Task<MemoryRanking> RankAsync(MemoryScope scope, MemoryQuery query, int cap, CancellationToken cancellationToken = default)
    {
        Ready();
        return Task.FromResult(search.Rank(scope, query, cap));
    }

    public Task<IReadOnlyList<MemoryHit>> LoadHitsAsync(MemoryScope scope, IReadOnlyList<MemoryRef> refs, int maxContentChars, CancellationToken cancellationToken = default)
    {
        Ready();
        return Task.FromResult(loader.Load(scope, refs, maxContentChars));
    }

    public Task<MemoryHit?> GetPassageAsync(MemoryScope scope, string id, CancellationToken cancellationToken = default)
    {
        Ready();
        return Task.FromResult(loader.LoadPassage(scope, id));
    }

    /// <summary>Creates or migrates the file once; after a failure the next call tries again.</summary>
    private SqliteMemoryDatabase Ready()
    {
        if (!migrated)
        {
            lock (migrationGate)
            {
                if (!migrated)
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (directory is not null)
                    {
                        Directory.CreateDirectory(directory);
                    }

                    MemorySchema.Migrate(database);
                    migrated = true;
                }
            }
        }

        return database;
    }

    internal static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static DataEnvException NotFound(string key) => MemoryRefusals.NoSuchBlock(key);
}
