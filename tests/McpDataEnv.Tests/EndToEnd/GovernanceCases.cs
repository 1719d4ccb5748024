namespace McpDataEnv.Tests.EndToEnd;

/// <summary>
/// Per role: queries that must be answered and queries that must be refused, with the refusal code; run on SQLite
/// (environments/retail) and on PostgreSQL (environments/retail-postgres), with a PostgreSQL spelling where needed.
/// </summary>
internal static class GovernanceCases
{
    public const string Ok = "ok";
    public const string Denied = "access_denied";

    /// <summary>Leak attempts on customers.email/phone/full_name, products.unit_cost and payroll, refused for analyst.</summary>
    public static readonly GovernanceCase[] AnalystLeaks =
    [
        Leak("SELECT email FROM customers"),
        Leak("SELECT email AS remark FROM customers"),
        Leak("SELECT * FROM customers"),
        Leak("SELECT c.* FROM customers c"),
        Leak("SELECT lower(email) FROM customers"),
        Leak("SELECT count(*) FROM customers WHERE email LIKE 'a%'"),
        Leak("SELECT customer_id FROM customers ORDER BY email LIMIT 1"),
        Leak("SELECT region_id FROM customers GROUP BY region_id HAVING max(email) > ''"),
        Leak("WITH c AS (SELECT email FROM customers) SELECT * FROM c"),
        Leak("SELECT (SELECT email FROM customers LIMIT 1)"),
        Leak("SELECT x FROM (SELECT email AS x FROM customers) t"),
        Leak("SELECT code FROM regions UNION SELECT email FROM customers"),
        Leak("SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.email = 'x'"),
        Leak("SELECT contact FROM contact_list"),
        // PostgreSQL's plan reads only customers.customer_id through the view (allowed); SQLite reports every view column.
        new("SELECT customer_id FROM contact_list", Denied, PostgresExpected: Ok),
        Leak("SELECT json_group_array(email) FROM customers", "SELECT json_agg(email) FROM customers"),
        Leak("SELECT \"EMAIL\" FROM main.CUSTOMERS", "SELECT \"email\" FROM RETAIL.Customers"),
        Leak("SELECT count(*) FROM customers JOIN (SELECT 'x@example.com' AS email) t USING (email)"),
        Leak("SELECT count(*) FROM customers NATURAL JOIN (SELECT 'x@example.com' AS email) t"),
        Leak("SELECT phone FROM customers"),
        Leak("SELECT substr(phone, 1, 3) FROM customers"),
        Leak("SELECT count(DISTINCT phone) FROM customers"),
        Leak("SELECT customer_id FROM customers WHERE phone IS NOT NULL LIMIT 1"),
        Leak("SELECT group_concat(phone, ',') FROM customers", "SELECT string_agg(phone, ',') FROM customers"),
        Leak("SELECT customer_id, row_number() OVER (ORDER BY phone) FROM customers LIMIT 1"),
        Leak("SELECT CASE WHEN phone LIKE '+44%' THEN 1 END FROM customers"),
        Leak("SELECT full_name FROM customers"),
        Leak("SELECT unit_cost FROM products"),
        Leak("SELECT sum(unit_cost) FROM products"),
        Leak("SELECT sku, unit_price - unit_cost FROM products"),
        Leak("SELECT * FROM products"),
        Leak("SELECT avg(p.unit_cost) FROM order_items i JOIN products p ON p.product_id = i.product_id"),
        Leak("SELECT sku FROM products WHERE unit_cost > 10"),
        Leak("SELECT * FROM cost_sheet"),
        new("SELECT sku FROM cost_sheet", Denied, PostgresExpected: Ok), // as contact_list: the plan reads products.sku only
        Leak("SELECT count(*) FROM products JOIN (SELECT 1.0 AS unit_cost) t USING (unit_cost)"),
        Leak("SELECT * FROM payroll"),
        Leak("SELECT count(*) FROM payroll"),
        Leak("SELECT salary FROM payroll"),
        Leak("SELECT * FROM salaries"),
        Leak("SELECT (SELECT max(salary) FROM payroll)"),
        Leak("SELECT code FROM regions UNION ALL SELECT full_name FROM payroll"),
        Leak("SELECT count(*) FROM main.payroll", "SELECT count(*) FROM retail.payroll"),
        Leak("SELECT sum(salary) OVER () FROM payroll LIMIT 1"),
        Leak("SELECT r.code FROM regions r WHERE EXISTS (SELECT 1 FROM payroll WHERE salary > 100000)"),
        // The catalog would name payroll and the PII columns that describe_schema leaves out for this role.
        Leak("SELECT sql FROM sqlite_master WHERE name = 'payroll'",
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'"),
        Leak("SELECT name FROM sqlite_schema", "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'customers'::regclass"),
        Leak("SELECT count(*) FROM main.sqlite_master WHERE sql LIKE '%salary%'",
            "SELECT relname FROM pg_class WHERE relname = 'payroll'"),
        // The same questions asked of PostgreSQL's catalog functions and casts, which read no catalog relation in the plan.
        Leak("SELECT count(*) FROM sqlite_master WHERE name = 'payroll'", "SELECT to_regclass('payroll') IS NOT NULL"),
        Leak("SELECT instr(sql, 'email') > 0 FROM sqlite_master WHERE name = 'customers'",
            "SELECT has_column_privilege('customers', 'email', 'SELECT')"),
        Leak("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'contact_list'", "SELECT pg_get_viewdef('contact_list')"),
        Leak("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'payroll' AND type = 'index'", "SELECT pg_total_relation_size('payroll')"),
        Leak("SELECT name FROM sqlite_master WHERE name LIKE 'pay%'", "SELECT 'retail.payroll'::regclass::oid"),
        // And of a table's row type, which names its columns in PostgreSQL (SQLite has none: its catalog again).
        Leak("SELECT sql FROM sqlite_schema WHERE name = 'payroll'", "SELECT (NULL::retail.payroll).*"),
        Leak("SELECT sql FROM sqlite_master WHERE tbl_name = 'payroll'", "SELECT * FROM json_populate_record(NULL::payroll, '{}')"),
        Leak("SELECT instr(sql, 'email') FROM sqlite_schema WHERE name = 'customers'", "SELECT (NULL::retail.customers).email"),
        Leak("SELECT sql FROM sqlite_master WHERE name = 'customers'",
            "SELECT * FROM jsonb_populate_recordset(NULL::retail.customers, '[]')"),
        Leak("SELECT count(*) FROM sqlite_schema WHERE name = 'payroll'", "SELECT row_to_json(ROW(1, 'x', 2)::retail.payroll)"),
        Leak("SELECT type FROM sqlite_master WHERE name = 'payroll'", "SELECT CAST(NULL AS retail.payroll[])"),
    ];

    public static readonly GovernanceCase[] Analyst =
    [
        ("SELECT count(*) FROM customers", Ok),
        ("SELECT customer_id, region_id, signup_date FROM customers LIMIT 5", Ok),
        ("SELECT sku, unit_price FROM products LIMIT 5", Ok),
        ("SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'", Ok),
        ("SELECT status, count(*), rank() OVER (ORDER BY count(*) DESC) FROM orders GROUP BY status", Ok),
        new("SELECT CAST(ordered_at AS date), count(*) AS orders FROM orders GROUP BY 1 LIMIT 3", Ok,
            "SELECT ordered_at::date, CAST(count(*) AS numeric) AS orders, '1 day'::interval, '{a}'::text[] FROM orders GROUP BY 1 LIMIT 3", Ok),
        .. AnalystLeaks,
    ];

    public static readonly GovernanceCase[] Finance =
    [
        ("SELECT sum(unit_cost) FROM products", Ok),
        ("SELECT sku, unit_price - unit_cost FROM products LIMIT 3", Ok),
        ("SELECT * FROM cost_sheet LIMIT 3", Ok),
        ("SELECT email FROM customers", Denied),
        ("SELECT phone AS p FROM customers", Denied),
        ("SELECT contact FROM contact_list", Denied),
        ("SELECT * FROM payroll", Denied),
        ("SELECT * FROM salaries", Denied),
    ];

    public static readonly GovernanceCase[] EmeaManager =
    [
        ("SELECT DISTINCT r.code FROM orders o JOIN regions r ON r.region_id = o.region_id", Ok),
        // PostgreSQL: the schema-qualified table is the table itself, and row-level security filters it.
        new("SELECT count(*) FROM main.orders", Denied, "SELECT count(*) FROM retail.orders", Ok),
        ("SELECT count(*) FROM all_orders", Denied),
        new("SELECT count(*) FROM \"main\".\"orders\" JOIN (SELECT 1 AS region_id) t USING (region_id)", Denied,
            "SELECT count(*) FROM \"retail\".\"orders\" JOIN (SELECT 1 AS region_id) t USING (region_id)", Ok),
        // The filter's own machinery: SQLite's temp catalog; PostgreSQL's transaction-local role setting.
        new("SELECT sql FROM sqlite_temp_master", "engine_refused",
            "SELECT set_config('mcpdataenv.role', 'finance', true), count(*) FROM orders", "sql_rejected"),
        ("SELECT email FROM customers", Denied),
        ("SELECT unit_cost FROM products", Denied),
        ("SELECT * FROM payroll", Denied),
    ];

    public static readonly GovernanceCase[] Hr =
    [
        ("SELECT count(*), max(salary) FROM payroll", Ok),
        ("SELECT full_name, salary FROM payroll LIMIT 3", Ok),
        ("SELECT count(*) FROM customers", Denied),
        ("SELECT count(*) FROM orders", Denied),
        ("SELECT email FROM customers", Denied),
        ("SELECT unit_cost FROM products", Denied),
        ("SELECT code FROM regions", Denied),
    ];

    private static GovernanceCase Leak(string sql, string? postgresSql = null) => new(sql, Denied, postgresSql);
}
