namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>The DDL of the retail demo database on SQLite (indexes are built after the load).</summary>
internal static class SqliteRetailSchema
{
    public const string Tables = """
        CREATE TABLE regions(region_id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT);
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, full_name TEXT, email TEXT, phone TEXT, region_id INTEGER REFERENCES regions, signup_date DATE, churned_on DATE NULL);
        CREATE TABLE products(product_id INTEGER PRIMARY KEY, sku TEXT UNIQUE, name TEXT, category TEXT, unit_price NUMERIC, unit_cost NUMERIC);
        CREATE TABLE orders(order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, region_id INTEGER REFERENCES regions, ordered_at TIMESTAMP, status TEXT, channel TEXT);
        CREATE TABLE order_items(order_id INTEGER REFERENCES orders, line_no INTEGER, product_id INTEGER REFERENCES products, quantity INTEGER, unit_price NUMERIC, discount NUMERIC, PRIMARY KEY(order_id, line_no));
        CREATE TABLE payroll(employee_id INTEGER PRIMARY KEY, full_name TEXT, salary NUMERIC);
        """;

    public const string Indexes = """
        CREATE INDEX ix_customers_region_id ON customers(region_id);
        CREATE INDEX ix_orders_customer_id ON orders(customer_id);
        CREATE INDEX ix_orders_region_id ON orders(region_id);
        CREATE INDEX ix_orders_ordered_at ON orders(ordered_at);
        CREATE INDEX ix_order_items_product_id ON order_items(product_id);
        """;
}
