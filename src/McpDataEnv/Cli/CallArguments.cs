using System.Globalization;
using System.Text.Json;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Cli;

/// <summary>Turns <c>--arg name=value</c> and <c>--json</c> into tool arguments, typed by the tool's input schema.</summary>
public static class CallArguments
{
    public static Dictionary<string, JsonElement> Parse(IEnumerable<string> pairs, string? json, JsonElement inputSchema)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(json))
        {
            JsonElement parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<JsonElement>(json);
            }
            catch (JsonException error)
            {
                throw new DataEnvException(ErrorCodes.InvalidArgument, $"--json is not valid JSON: {error.Message}");
            }

            if (parsed.ValueKind != JsonValueKind.Object)
            {
                throw new DataEnvException(ErrorCodes.InvalidArgument, "--json must be a JSON object of argument names to values.");
            }

            foreach (var property in parsed.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new DataEnvException(ErrorCodes.InvalidArgument, $"--arg '{pair}' must look like name=value.");
            }

            var name = pair[..equals];
            arguments[name] = Typed(pair[(equals + 1)..], TypeOf(inputSchema, name), name);
        }

        return arguments;
    }

    private static string TypeOf(JsonElement schema, string name)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var properties)
            && properties.TryGetProperty(name, out var property)
            && property.TryGetProperty("type", out var type))
        {
            // Nullable parameters are advertised as ["integer", "null"].
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string"
                : type.GetString() ?? "string";
        }

        return "string";
    }

    private static JsonElement Typed(string value, string type, string name)
    {
        try
        {
            return type switch
            {
                "integer" => JsonSerializer.SerializeToElement(long.Parse(value, CultureInfo.InvariantCulture)),
                "number" => JsonSerializer.SerializeToElement(decimal.Parse(value, CultureInfo.InvariantCulture)),
                "boolean" => JsonSerializer.SerializeToElement(bool.Parse(value)),
                "object" or "array" => JsonSerializer.Deserialize<JsonElement>(value),
                _ => JsonSerializer.SerializeToElement(value),
            };
        }
        catch (Exception error) when (error is FormatException or OverflowException or JsonException)
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, $"--arg {name}: '{value}' is not a valid {type}.");
        }
    }
}
