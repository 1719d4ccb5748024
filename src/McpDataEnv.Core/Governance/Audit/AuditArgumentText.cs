using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// How an argument too long to keep whole is written into the audit trail: its start, its length and the SHA-256 of
/// the full text, so the entry still identifies exactly what was sent without holding all of it.
/// </summary>
/// <remarks>
/// Why: a client may send megabytes per argument (stdio has no request size cap), mostly refused as too long, and
/// every call is audited: 95 calls with 5 MB arguments grew a trail to 493 MB. Applied when an entry is sealed
/// (<see cref="AuditChain.Seal"/>), so the hash covers what is stored and <c>audit verify</c> needs nothing new;
/// entries sealed before this, whole, still verify.
/// </remarks>
public static class AuditArgumentText
{
    /// <summary>The longest argument (name or value, in UTF-16 characters) an entry keeps whole: 64 Ki.</summary>
    public const int MaxChars = 64 * 1024;

    /// <summary>How many characters of a longer argument are kept, before the marker.</summary>
    public const int KeptChars = 4 * 1024;

    /// <summary><paramref name="text"/> itself when it fits, else its start and a marker with its length and hash.</summary>
    public static string Shortened(string text)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        // Never half of a surrogate pair in the kept start.
        var kept = char.IsHighSurrogate(text[KeptChars - 1]) ? KeptChars - 1 : KeptChars;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{text.AsSpan(0, kept)}... [shortened for the audit: {text.Length} characters, sha256 of the full text as UTF-8: {sha256}]");
    }
}
