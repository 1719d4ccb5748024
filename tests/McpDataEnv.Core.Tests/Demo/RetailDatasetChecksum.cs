using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpDataEnv.Core.Demo;

namespace McpDataEnv.Core.Tests.Demo;

/// <summary>SHA-256 over a canonical, culture-free text form of every row.</summary>
internal static class RetailDatasetChecksum
{
    public static string Of(RetailDataset d)
    {
        var text = new StringBuilder();
        void Line(params object?[] cells) => text.AppendJoin('|', cells.Select(Format)).Append('\n');
        foreach (var r in d.Regions) Line(r.RegionId, r.Code, r.Name);
        foreach (var c in d.Customers) Line(c.CustomerId, c.FullName, c.Email, c.Phone, c.RegionId, c.SignupDate, c.ChurnedOn);
        foreach (var p in d.Products) Line(p.ProductId, p.Sku, p.Name, p.Category, p.UnitPrice, p.UnitCost);
        foreach (var o in d.Orders) Line(o.OrderId, o.CustomerId, o.RegionId, o.OrderedAt, o.Status, o.Channel);
        foreach (var i in d.OrderItems) Line(i.OrderId, i.LineNo, i.ProductId, i.Quantity, i.UnitPrice, i.Discount);
        foreach (var p in d.Payroll) Line(p.EmployeeId, p.FullName, p.Salary);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
