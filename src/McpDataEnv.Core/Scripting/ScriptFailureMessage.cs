using System.Globalization;

namespace McpDataEnv.Core.Scripting;

/// <summary>
/// Caps the message of a failed script before it becomes an answer. A script writes its own error text
/// (<c>throw new Error(s)</c> with a megabyte of <c>s</c>), and the whole of it would reach the model.
/// </summary>
/// <remarks>The message reaches the model: the cut is marked and says how long the original was.</remarks>
public static class ScriptFailureMessage
{
    /// <summary>The most characters of a script's error message an answer carries.</summary>
    public const int MaxChars = 4_000;

    public static string Capped(string message)
    {
        if (message.Length <= MaxChars)
        {
            return message;
        }

        // Never half of a surrogate pair: the cut text must still be valid Unicode.
        var keep = char.IsHighSurrogate(message[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return string.Create(CultureInfo.InvariantCulture, $"{message[..keep]}... [cut: the message was {message.Length:N0} characters; only the first {keep:N0} are shown]");
    }
}
