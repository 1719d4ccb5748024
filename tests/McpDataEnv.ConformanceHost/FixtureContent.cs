namespace McpDataEnv.ConformanceHost;

/// <summary>Payloads the conformance suite expects from its fixtures (a 1x1 PNG, a tiny WAV).</summary>
internal static class FixtureContent
{
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    public const string WavBase64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    public static byte[] Png => System.Text.Encoding.UTF8.GetBytes(PngBase64);

    public static byte[] Wav => System.Text.Encoding.UTF8.GetBytes(WavBase64);
}
