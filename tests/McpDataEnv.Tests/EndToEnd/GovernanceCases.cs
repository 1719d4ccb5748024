namespace McpDataEnv.Tests.EndToEnd;

/// <summary>Per role: queries that must be answered and queries that must be refused, with the refusal code.</summary>
internal static class GovernanceCases
{
    public const string Ok = "ok";
    public const string Denied = "access_denied";

    /// <summary>Leak attempts on customers.email/phone/full_name, products.unit_cost and payroll, refused for analyst.</summary>
    public static readonly string[] AnalystLeaks =
    [
        "SELECT email FROM customers",
        "SELECT email AS remark FROM customers",
        "SELECT * FROM customers",
        "SELECT c.* FROM customers c",
        "SELECT lower(email) FROM customers",
        "SELECT count(*) FROM customers WHERE email LIKE 'a%'",
        "SELECT customer_id FROM customers ORDER BY email LIMIT 1",
        "SELECT region_id FROM customers GROUP BY region_id HAVING max(email) > ''",
        "WITH c AS (SELECT email FROM customers) SELECT * FROM c",
        "SELECT (SELECT email FROM customers LIMIT 1)",
        "SELECT x FROM (SELECT email AS x FROM customers)",
        "SELECT code FROM regions UNION SELECT email FROM customers",
        "SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.email = 'x'",
        "SELECT contact FROM contact_list",
        "SELECT customer_id FROM contact_list",
        "SELECT json_group_array(email) FROM customers",
        "SELECT \"EMAIL\" FROM main.CUSTOMERS",
        "SELECT count(*) FROM customers JOIN (SELECT 'x@example.com' AS email) USING (email)",
        "SELECT count(*) FROM customers NATURAL JOIN (SELECT 'x@example.com' AS email)",
        "SELECT phone FROM customers",
        "SELECT substr(phone, 1, 3) FROM customers",
        "SELECT count(DISTINCT phone) FROM customers",
        "SELECT customer_id FROM customers WHERE phone IS NOT NULL LIMIT 1",
        "SELECT group_concat(phone, ',') FROM customers",
        "SELECT customer_id, row_number() OVER (ORDER BY phone) FROM customers LIMIT 1",
        "SELECT CASE WHEN phone LIKE '+44%' THEN 1 END FROM customers",
        "SELECT full_name FROM customers",
        "SELECT unit_cost FROM products",
        "SELECT sum(unit_cost) FROM products",
        "SELECT sku, unit_price - unit_cost FROM products",
        "SELECT * FROM products",
        "SELECT avg(p.unit_cost) FROM order_items i JOIN products p ON p.product_id = i.product_id",
        "SELECT sku FROM products WHERE unit_cost > 10",
        "SELECT * FROM cost_sheet",
        "SELECT sku FROM cost_sheet",
        "SELECT count(*) FROM products JOIN (SELECT 1.0 AS unit_cost) USING (unit_cost)",
        "SELECT * FROM payroll",
        "SELECT count(*) FROM payroll",
        "SELECT salary FROM payroll",
        "SELECT * FROM salaries",
        "SELECT (SELECT max(salary) FROM payroll)",
        "SELECT code FROM regions UNION ALL SELECT full_name FROM payroll",
        "SELECT count(*) FROM main.payroll",
        "SELECT sum(salary) OVER () FROM payroll LIMIT 1",
        "SELECT r.code FROM regions r WHERE EXISTS (SELECT 1 FROM payroll WHERE salary > 100000)",
    ];

    public static readonly (string Sql, string Expected)[] Analyst =
    [
        ("SELECT count(*) FROM customers", Ok),
        ("SELECT customer_id, region_id, signup_date FROM customers LIMIT 5", Ok),
        ("SELECT sku, unit_price FROM products LIMIT 5", Ok),
        ("SELECT SUM(oi.quantity * oi.unit_price * (1 - oi.discount)) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'", Ok),
        ("SELECT status, count(*), rank() OVER (ORDER BY count(*) DESC) FROM orders GROUP BY status", Ok),
        .. AnalystLeaks.Select(sql => (sql, Denied)),
    ];

    public static readonly (string Sql, string Expected)[] Finance =
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

    public static readonly (string Sql, string Expected)[] EmeaManager =
    [
        ("SELECT DISTINCT r.code FROM orders o JOIN regions r ON r.region_id = o.region_id", Ok),
        ("SELECT count(*) FROM main.orders", Denied),
        ("SELECT count(*) FROM all_orders", Denied),
        ("SELECT count(*) FROM \"main\".\"orders\" JOIN (SELECT 1 AS region_id) USING (region_id)", Denied),
        ("SELECT sql FROM sqlite_temp_master", "engine_refused"),
        ("SELECT email FROM customers", Denied),
        ("SELECT unit_cost FROM products", Denied),
        ("SELECT * FROM payroll", Denied),
    ];

    public static readonly (string Sql, string Expected)[] Hr =
    [
        ("SELECT count(*), max(salary) FROM payroll", Ok),
        ("SELECT full_name, salary FROM payroll LIMIT 3", Ok),
        ("SELECT count(*) FROM customers", Denied),
        ("SELECT count(*) FROM orders", Denied),
        ("SELECT email FROM customers", Denied),
        ("SELECT unit_cost FROM products", Denied),
        ("SELECT code FROM regions", Denied),
    ];
}
