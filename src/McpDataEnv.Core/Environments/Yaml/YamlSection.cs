using System.Globalization;
using McpDataEnv.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace McpDataEnv.Core.Environments.Yaml;

/// <summary>
/// A mapping node being validated key by key: typed reads that report wrong types, missing values and
/// unknown keys (with a suggestion) against the file and dotted key path.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode node;
    private readonly Func<string, string?>? variables;

    public YamlSection(YamlMappingNode node, string file, string path, ConfigErrorSink errors, Func<string, string?>? variables)
    {
        this.node = node;
        this.variables = variables;
        File = file;
        Path = path;
        Errors = errors;
    }

    public string File { get; }

    /// <summary>Dotted path of this mapping; empty for the document root.</summary>
    public string Path { get; }

    public ConfigErrorSink Errors { get; }

    public string KeyOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string name, string detail) => Errors.At(File, KeyOf(name), detail);

    public void Sentence(string name, string sentence) => Errors.Sentence(File, KeyOf(name), sentence);

    /// <summary>Reports every key of this mapping that is not in <paramref name="known"/>.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var key in Keys().Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            Errors.At(File, KeyOf(key), $"unknown key{DidYouMean.Suffix(key, known)}; known keys: {string.Join(", ", known)}");
        }
    }

    public IEnumerable<string> Keys() =>
        node.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "?");

    public bool Has(string name) => Find(name) is not null;

    /// <summary>Every (key, value) pair, for mappings whose keys are names (tables, roles, metrics).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries() =>
        node.Children.Select(p => ((p.Key as YamlScalarNode)?.Value ?? "?", p.Value));

    public YamlSection? Section(string name, bool required = false)
    {
        switch (Find(name))
        {
            case null when required:
                Sentence(name, "is required");
                return null;
            case null or YamlScalarNode { Value: null or "" }:
                return null;
            case YamlMappingNode mapping:
                return new YamlSection(mapping, File, KeyOf(name), Errors, variables);
            default:
                Sentence(name, "must be a mapping of keys to values");
                return null;
        }
    }

    public YamlSection? SectionOf(string name, YamlNode value)
    {
        if (value is YamlMappingNode mapping)
        {
            return new YamlSection(mapping, File, KeyOf(name), Errors, variables);
        }

        Sentence(name, "must be a mapping of keys to values");
        return null;
    }

    /// <summary>A string value after <c>${VAR}</c> substitution, or null when absent (an error when required).</summary>
    public string? String(string name, bool required = false)
    {
        var text = ScalarText(name, "must be a string", out var reported);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required && !reported)
            {
                Sentence(name, "is required");
            }

            return null;
        }

        return text;
    }

    public int Int(string name, int fallback, int min = 1, string rule = "a positive integer") =>
        (int)Long(name, fallback, min, int.MaxValue, rule);

    public long Long(string name, long fallback, long min = 1, long max = long.MaxValue, string rule = "a positive integer")
    {
        var text = ScalarText(name, $"must be {rule}", out _);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Sentence(name, $"must be {rule}");
        return fallback;
    }

    public double? Double(string name, string rule)
    {
        var text = ScalarText(name, $"must be {rule}", out _);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Sentence(name, $"must be {rule}");
        return null;
    }

    public bool Bool(string name, bool fallback)
    {
        var text = ScalarText(name, "must be true or false", out _);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Sentence(name, "must be true or false");
        return fallback;
    }

    /// <summary>A list of strings, or null when absent. A single scalar is not accepted: lists stay lists.</summary>
    public IReadOnlyList<string>? StringList(string name)
    {
        switch (Find(name))
        {
            case null or YamlScalarNode { Value: null or "" }:
                return null;
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return sequence.Children
                    .Select(c => ((YamlScalarNode)c).Value ?? "")
                    .Select(v => v.Trim())
                    .ToList();
            default:
                Sentence(name, "must be a list of strings, e.g. [a, b]");
                return null;
        }
    }

    /// <summary>A mapping of names to strings (row filters, attributes, patterns), or null when absent.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        var section = Section(name);
        if (section is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.Entries())
        {
            if (value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                map[key] = text;
            }
            else
            {
                section.Sentence(key, "must be a non-empty string");
            }
        }

        return map;
    }

    private YamlNode? Find(string name) =>
        node.Children.TryGetValue(new YamlScalarNode(name), out var value) ? value : null;

    /// <param name="reported">True when a problem with the value was already reported (then the result is empty).</param>
    private string? ScalarText(string name, string typeSentence, out bool reported)
    {
        reported = true;
        var value = Find(name);
        if (value is null)
        {
            reported = false;
            return null;
        }

        if (value is not YamlScalarNode scalar)
        {
            Sentence(name, typeSentence);
            return "";
        }

        var text = scalar.Value ?? "";
        string? problem = null;
        var expanded = variables is null ? text : VariableSubstitution.Expand(text, variables, out problem);
        if (expanded is null)
        {
            Sentence(name, problem ?? "is invalid");
            return "";
        }

        reported = false;
        return expanded;
    }
}
