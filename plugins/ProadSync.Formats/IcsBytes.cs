using System.Text;
using System.Text.Unicode;

namespace ProadSync.Formats;

/// <summary>
/// Turns the bytes of an iCalendar object into text. iCalendar is UTF-8 (RFC 5545 §3.1.4); the bytes are decoded
/// strictly as UTF-8 (a leading byte order mark dropped). A UTF-8 sequence split by line folding — which RFC 5545
/// §3.1 tells readers to restore — is joined first. Only bytes that are still not UTF-8 are read as Windows-1252 (what
/// older Windows programs write), so "Müller Straße" from such a file arrives intact instead of with U+FFFD; the
/// caller reports that it did so.
/// </summary>
public static class IcsBytes
{
    private static readonly UTF8Encoding Utf8Text = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Lazy<Encoding> Windows1252 = new(() => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1);

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8, or as Windows-1252 when they are not UTF-8.</summary>
    /// <param name="bytes">The bytes of a file or an HTTP body.</param>
    /// <param name="readAsWindows1252">Set when the bytes were not UTF-8 and were read as Windows-1252.</param>
    /// <returns>The text.</returns>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool readAsWindows1252)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        readAsWindows1252 = false;
        if (Utf8.IsValid(bytes))
        {
            return Utf8Text.GetString(bytes);
        }

        var unfolded = Unfold(bytes);
        if (Utf8.IsValid(unfolded))
        {
            return Utf8Text.GetString(unfolded);
        }

        readAsWindows1252 = true;
        return Windows1252.Value.GetString(bytes);
    }

    /// <summary>The one-sentence warning for a source that was read as Windows-1252.</summary>
    /// <param name="what">What was read ("The file 'a.ics'").</param>
    /// <returns>The warning.</returns>
    public static string NotUtf8Warning(string what) =>
        $"{what} is not valid UTF-8 as iCalendar requires; it was read as Windows-1252.";

    /// <summary>Removes line folds (CRLF or LF followed by a space or tab) at the byte level.</summary>
    private static byte[] Unfold(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && i + 2 < bytes.Length && bytes[i + 1] == '\n' && bytes[i + 2] is (byte)' ' or (byte)'\t')
            {
                i += 2;
                continue;
            }

            if (bytes[i] == '\n' && i + 1 < bytes.Length && bytes[i + 1] is (byte)' ' or (byte)'\t')
            {
                i += 1;
                continue;
            }

            result[length++] = bytes[i];
        }

        return result.AsSpan(0, length).ToArray();
    }
}
