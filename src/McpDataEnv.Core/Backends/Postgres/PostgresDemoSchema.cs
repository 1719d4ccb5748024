namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>The retail demo tables in PostgreSQL types (money <c>numeric(12,2)</c>, discount <c>numeric(4,2)</c>).</summary>
internal static class PostgresDemoSchema
{
    /// <summary>Tables in load order (parents first); each with its DDL body, comment and foreign keys.</summary>
    public static IReadOnlyList<(string Table, string Columns, string Comment, string[] ForeignKeys)> Tables { get; } =
    [
        ("regions", "region_id integer PRIMARY KEY, code text NOT NULL, name text NOT NULL",
            "Sales regions.", []),
        ("customers", "customer_id integer PRIMARY KEY, full_name text NOT NULL, email text NOT NULL, phone text NOT NULL, " +
            "region_id integer NOT NULL, signup_date date NOT NULL, churned_on date",
            "Customers; email and phone are personal data.", ["(region_id) REFERENCES {s}.regions (region_id)"]),
        ("products", "product_id integer PRIMARY KEY, sku text NOT NULL, name text NOT NULL, category text NOT NULL, " +
            "unit_price numeric(12,2) NOT NULL, unit_cost numeric(12,2) NOT NULL",
            "Product catalog with list price and unit cost.", []),
        ("orders", "order_id bigint PRIMARY KEY, customer_id integer NOT NULL, region_id integer NOT NULL, " +
            "ordered_at timestamp NOT NULL, status text NOT NULL, channel text NOT NULL",
            "Orders (ordered_at in UTC); status is completed, cancelled or refunded; channel is web, store or phone.",
            ["(customer_id) REFERENCES {s}.customers (customer_id)", "(region_id) REFERENCES {s}.regions (region_id)"]),
        ("order_items", "order_id bigint NOT NULL, line_no integer NOT NULL, product_id integer NOT NULL, quantity integer NOT NULL, " +
            "unit_price numeric(12,2) NOT NULL, discount numeric(4,2) NOT NULL, PRIMARY KEY (order_id, line_no)",
            "Order lines; revenue of a line is quantity * unit_price * (1 - discount).",
            ["(order_id) REFERENCES {s}.orders (order_id)", "(product_id) REFERENCES {s}.products (product_id)"]),
        ("payroll", "employee_id integer PRIMARY KEY, full_name text NOT NULL, salary numeric(12,2) NOT NULL",
            "Employee salaries (confidential).", []),
    ];
}
