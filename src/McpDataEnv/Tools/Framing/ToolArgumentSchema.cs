using System.Globalization;
using System.Text.Json;
using McpDataEnv.Core.Environments.Yaml;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Tools;

/// <summary>
/// Checks a call's arguments against the tool's published input schema before the SDK binds them, so a model that
/// misspells an argument, leaves out a required one or sends the wrong JSON type hears which, and what to send,
/// instead of the SDK's generic "An error occurred invoking" (and a misspelt optional argument such as
/// <c>maxrows</c> is not silently ignored).
/// </summary>
/// <remarks>
/// Covers the shapes our tools publish: <c>type</c> as one name or a list, <c>required</c>, and string items of
/// arrays. A property without <c>type</c> (<c>run_script</c>'s <c>inputs</c>) takes any JSON. A null for a
/// required argument counts as missing; a null elsewhere is accepted when the type allows it.
/// </remarks>
internal static class ToolArgumentSchema
{
    /// <summary>
    /// Null when the arguments fit, else the refusal naming the first problem. A whole number written with a
    /// fraction (<c>5.0</c>, which JSON Schema counts as an integer) is rewritten in place as <c>5</c>, the form the
    /// SDK's binder reads.
    /// </summary>
    public static DataEnvException? Problem(string tool, JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var known = properties.EnumerateObject().Select(p => p.Name).ToList();
        arguments ??= new Dictionary<string, JsonElement>();
        if (arguments.Keys.Where(k => !properties.TryGetProperty(k, out _)).Order(StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            return Refuse(tool, unknown, $"{tool} has no argument '{unknown}'{DidYouMean.Suffix(unknown, known)}. Its arguments: {string.Join(", ", known)}.");
        }

        foreach (var name in Required(schema))
        {
            if (!arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return Refuse(tool, name, $"{name} is required{Described(properties, name)}.");
            }
        }

        foreach (var (name, value) in arguments.ToList())
        {
            var types = Types(properties.GetProperty(name));
            if (types.Contains("integer") && WholeNumber(value) is { } whole)
            {
                arguments[name] = JsonSerializer.SerializeToElement(whole);
                continue;
            }

            if (types.Count > 0 && !Fits(value, types))
            {
                return Refuse(tool, name, $"{name} must be {Expected(types)}; got {Shown(value)}.");
            }

            if (value.ValueKind == JsonValueKind.Array && ItemTypes(properties.GetProperty(name)) is { Count: > 0 } items
                && value.EnumerateArray().FirstOrDefault(item => !Fits(item, items)) is { ValueKind: not JsonValueKind.Undefined } bad)
            {
                return Refuse(tool, name, $"every item of {name} must be {Expected(items)}; got {Shown(bad)}.");
            }
        }

        return null;
    }

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Select(r => r.GetString()).OfType<string>()
            : [];

    private static IReadOnlyList<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList()
        : [];

    private static IReadOnlyList<string> ItemTypes(JsonElement property) =>
        property.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? Types(items) : [];

    private static bool Fits(JsonElement value, IReadOnlyList<string> types) => value.ValueKind switch
    {
        JsonValueKind.String => types.Contains("string"),
        JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
        JsonValueKind.Number => types.Contains("number") || (types.Contains("integer") && WholeNumber(value) is not null),
        JsonValueKind.Array => types.Contains("array"),
        JsonValueKind.Object => types.Contains("object"),
        JsonValueKind.Null => types.Contains("null"),
        _ => false,
    };

    private static int? WholeNumber(JsonElement value) =>
        value.ValueKind != JsonValueKind.Number ? null
        : value.TryGetInt32(out var exact) ? exact
        : value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d
        : null;

    private static string Expected(IReadOnlyList<string> types)
    {
        var words = types.Where(t => t != "null").Select(t => t switch
        {
            "integer" => "a whole number up to 2147483647",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "an array",
            "object" => "a JSON object",
            _ => "a " + t,
        }).ToList();
        return string.Join(" or ", words) + (types.Contains("null") ? ", or null" : "");
    }

    private static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length > 40 ? "a string" : $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText().Length > 40 ? "a number" : value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => value.GetRawText(),
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Described(JsonElement properties, string name) =>
        properties.GetProperty(name).TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 } text
            ? ": " + char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..].TrimEnd('.')
            : "";

    private static DataEnvException Refuse(string tool, string argument, string message) => new(
        ErrorCodes.InvalidArgument, message, new Dictionary<string, object?> { ["tool"] = tool, ["argument"] = argument });
}
