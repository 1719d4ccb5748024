using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Keeps the loaded <see cref="LiveSchema"/> in the shared <see cref="IMemoryCache"/> or, without one, in a field.</summary>
internal sealed class SqliteSchemaCache(string path, IMemoryCache? cache)
{
    private readonly string _key = "mcpdataenv:sqlite-schema:" + path;
    private readonly Lock _gate = new();
    private LiveSchema? _local;

    public LiveSchema Get(bool refresh)
    {
        lock (_gate)
        {
            if (!refresh && TryGet() is { } cached)
            {
                return cached;
            }

            var schema = SqliteSchemaLoader.Load(path);
            Set(schema);
            return schema;
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _local = null;
            cache?.Remove(_key);
        }
    }

    private LiveSchema? TryGet() => cache is null ? _local : cache.Get<LiveSchema>(_key);

    private void Set(LiveSchema schema)
    {
        if (cache is null)
        {
            _local = schema;
        }
        else
        {
            cache.Set(_key, schema);
        }
    }
}
