using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Reads the catalog on a private read-only connection without the query authorizer (internal SQL
/// only, never the model's): tables, columns, primary keys, foreign keys and exact row counts.
/// </summary>
internal static class SqliteSchemaLoader
{
    public static LiveSchema Load(string path)
    {
        using var db = SqliteNative.OpenReadOnly(path);
        var names = Query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", null, s => Text(s, 0));
        var tables = new List<LiveTable>(names.Count);
        foreach (var name in names)
        {
            var columns = Query(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid", name,
                s => (Column: new LiveColumn(Text(s, 0), Text(s, 1), raw.sqlite3_column_int64(s, 2) == 0 && raw.sqlite3_column_int64(s, 3) == 0, null), Pk: raw.sqlite3_column_int64(s, 3)));
            var primaryKey = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Column.Name).ToList();
            var rowCount = Query(db, $"SELECT count(*) FROM \"{name.Replace("\"", "\"\"")}\"", null, s => raw.sqlite3_column_int64(s, 0))[0];
            tables.Add(new LiveTable("main", name, rowCount, columns.Select(c => c.Column).ToList(), primaryKey, ForeignKeys(db, name), null));
        }

        return new LiveSchema(tables);
    }

    /// <summary>True when the file holds at least one user table.</summary>
    public static bool HasTables(string path)
    {
        using var db = SqliteNative.OpenReadOnly(path);
        return Query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", null, s => raw.sqlite3_column_int64(s, 0))[0] > 0;
    }

    private static List<LiveForeignKey> ForeignKeys(sqlite3 db, string table)
    {
        var rows = Query(db, "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq", table,
            s => (Id: raw.sqlite3_column_int64(s, 0), Table: Text(s, 1), From: Text(s, 2), To: raw.sqlite3_column_text(s, 3).utf8_to_string()));
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var target = g.First().Table;
            // "REFERENCES regions" without columns means the referenced table's primary key.
            var to = g.All(r => r.To is not null) ? g.Select(r => r.To!).ToList() : PrimaryKeyOf(db, target);
            return new LiveForeignKey(g.Select(r => r.From).ToList(), target, to);
        }).ToList();
    }

    private static List<string> PrimaryKeyOf(sqlite3 db, string table) =>
        Query(db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", table, s => Text(s, 0));

    private static string Text(sqlite3_stmt stmt, int column) => raw.sqlite3_column_text(stmt, column).utf8_to_string() ?? string.Empty;

    private static List<T> Query<T>(sqlite3 db, string sql, string? argument, Func<sqlite3_stmt, T> map)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out var stmt) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"Schema query failed: {SqliteNative.ErrorMessage(db)}");
        }

        using (stmt)
        {
            if (argument is not null)
            {
                raw.sqlite3_bind_text(stmt, 1, argument);
            }

            var rows = new List<T>();
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                rows.Add(map(stmt));
            }

            return rc == raw.SQLITE_DONE ? rows : throw new InvalidOperationException($"Schema query failed: {SqliteNative.ErrorMessage(db)}");
        }
    }
}
