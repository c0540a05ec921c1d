using System.Text;
using System.Text.RegularExpressions;
using ProadSync.Formats;

namespace ProadSync.Plugin.CalDav.Http;

/// <summary>
/// Turns an answer's bytes into text: the charset the server names (any code page, not only the ones .NET has built
/// in); without one, UTF-16 by its byte order mark or the encoding an XML declaration names; otherwise UTF-8 as WebDAV, iCalendar and vCard require —
/// and when the bytes are not UTF-8, Windows-1252 (what old servers and exports write), flagged so the reader can say so.
/// Nothing is decoded into replacement characters silently.
/// </summary>
internal static partial class BodyText
{
    /// <summary>Decodes a body.</summary>
    /// <param name="bytes">The body, content codings already undone.</param>
    /// <param name="charset">The charset parameter of the Content-Type, or <see langword="null"/>.</param>
    /// <param name="readAsWindows1252">Set when no encoding was named and the bytes were not UTF-8.</param>
    /// <returns>The text.</returns>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, out bool readAsWindows1252)
    {
        readAsWindows1252 = false;
        var named = Named(charset) ?? ByteOrderMark(bytes) ?? Named(XmlDeclaredEncoding(bytes));
        if (named is null)
        {
            return IcsBytes.Decode(bytes, out readAsWindows1252);
        }

        var preamble = named.Preamble;
        if (preamble.Length > 0 && bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        return named.GetString(bytes);
    }

    /// <summary>The encoding of a charset name, or <see langword="null"/> for none or one nobody knows (then UTF-8 rules apply).</summary>
    private static Encoding? Named(string? name)
    {
        name = name?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>UTF-16 announced by its byte order mark (a UTF-8 one is handled with the UTF-8 rules).</summary>
    private static Encoding? ByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;

    /// <summary>The encoding named by an XML declaration at the start of the body (ASCII-compatible bodies only).</summary>
    private static string? XmlDeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 200)];
        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = head.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var match = EncodingAttribute().Match(Encoding.ASCII.GetString(head[..end]));
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("""encoding\s*=\s*["'](?<name>[A-Za-z0-9._:-]+)["']""")]
    private static partial Regex EncodingAttribute();
}
