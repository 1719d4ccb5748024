using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace McpDataEnv.Core.Environments.Yaml;

/// <summary>Parses YAML text into its root mapping, turning syntax problems into errors with line and column.</summary>
internal static class YamlDocumentReader
{
    /// <param name="lineOffset">Lines before the YAML text in its file (front matter starts after the opening <c>---</c>).</param>
    public static YamlMappingNode? ReadMapping(string text, string file, ConfigErrorSink errors, int lineOffset = 0)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var detail = (e.InnerException as YamlException)?.Message ?? e.Message;
            errors.At(file, "", $"line {e.Start.Line + lineOffset}, column {e.Start.Column}: {Clean(detail)}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlMappingNode();
        }

        if (stream.Documents[0].RootNode is YamlMappingNode root)
        {
            return root;
        }

        errors.At(file, "", "must be a YAML mapping of keys to values");
        return null;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: ..) - (Line..): "; the position is already given.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
