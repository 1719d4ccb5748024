using System.Security.Cryptography;

namespace McpDataEnv.Core.Memory;

/// <summary>Passage ids: <c>p_</c> + a ULID (48-bit millisecond time + 80 random bits, Crockford base32), so ids sort by creation time.</summary>
public static class PassageId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset at)
    {
        Span<char> chars = stackalloc char[26];
        var time = (ulong)at.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(time & 31)];
            time >>= 5;
        }

        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 10; i < 26; i++)
        {
            chars[i] = Alphabet[random[i - 10] & 31];
        }

        return "p_" + new string(chars);
    }
}
