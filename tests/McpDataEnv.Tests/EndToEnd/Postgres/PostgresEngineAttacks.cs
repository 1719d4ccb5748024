namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>
/// Attacks aimed past the text gate at the engine layers (function guard, plan check, reader role, access
/// scope), and texts that only look dangerous. Each must be refused or harmless; the corpus test proves
/// harmlessness by checksumming every table before and after.
/// </summary>
public static class PostgresEngineAttacks
{
    /// <summary>Must come back as a refusal (isError).</summary>
    public static IReadOnlyList<string> Refused { get; } =
    [
        "SELECT * FROM payroll",
        "SELECT salary FROM retail.payroll",
        "SELECT email FROM customers",
        "SELECT c.* FROM customers c",
        "SELECT * FROM (SELECT unit_cost FROM products) p",
        "SELECT rolpassword FROM pg_authid",
        "SELECT passwd FROM pg_shadow",
        "SELECT * FROM pg_catalog.pg_authid",
        "SELECT lo_create(0)",
        "SELECT lo_unlink(1)",
        "SELECT pg_stat_reset()",
        "SELECT pg_advisory_unlock_all()",
        "SELECT pg_catalog.set_config('role', 'mcpadmin', true)",
        "SELECT (SELECT pg_catalog.pg_sleep(30))",
        "SELECT setseed(0.5)",
        "SELECT txid_current_if_assigned()",
        "SELECT pg_read_file(chr(47) || 'etc/passwd')",
        "SELECT convert_from(pg_read_binary_file('postgresql.conf'), 'utf8')",
        "WITH x AS (SELECT nextval('retail.s')) SELECT * FROM x",
        "SELECT * FROM public.orders",
        "SELECT * FROM orders_missing",
        "SELECT order_id FROM orders WHERE order_id = 'x'::int",
        "SELECT 1/0",
        "SELECT pg_ls_logdir()",
        "SELECT count(*) FROM orders, LATERAL (SELECT pg_notify('c', order_id::text)) n",
        "SELECT dblink_connect('host=127.0.0.1')",
        "SELECT * FROM pg_catalog.pg_file_settings",
        "SELECT pg_import_system_collations('retail')",
        "SELECT pg_terminate_backend(pg_backend_pid())",
        "SELECT U&\"pg\\005fsleep\"(5)",
    ];

    /// <summary>May be answered; must change nothing.</summary>
    public static IReadOnlyList<string> Harmless { get; } =
    [
        "SELECT 1 -- ; DROP TABLE orders",
        "SELECT '; DROP TABLE orders; --' AS s",
        "SELECT $a$ ; COMMIT; DROP TABLE orders; $a$ AS s",
        "SELECT $$ '; DELETE FROM orders; $$ AS s",
        "SELECT U&'\\0027; DROP TABLE orders; --' AS s",
        "SELECT E'\\x27; DROP TABLE orders' AS s",
        "SELECT 1 /* ; COMMIT; DELETE FROM orders */",
        "SELECT \"order_id\" AS \"; DROP TABLE orders\" FROM orders LIMIT 1",
        "SELECT current_user, session_user IS NOT NULL",
        "SELECT count(*) FROM pg_stat_activity",
        "SELECT random() < 2",
        "EXPLAIN SELECT * FROM orders",
        "SELECT current_setting('transaction_read_only')",
        "SELECT * FROM orders ORDER BY order_id LIMIT 1",
    ];
}
