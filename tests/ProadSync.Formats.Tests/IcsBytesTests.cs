using System.Text;

namespace ProadSync.Formats.Tests;

/// <summary>iCalendar is UTF-8; bytes that are not are read as Windows-1252, and the caller is told.</summary>
public sealed class IcsBytesTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Test]
    public void Valid_UTF_8_is_read_as_UTF_8_without_a_warning()
    {
        var text = IcsBytes.Decode(Encoding.UTF8.GetBytes("SUMMARY:M\u00fcller Stra\u00dfe \u20ac \u4e2d"), out var fallback);

        Assert.That(text, Is.EqualTo("SUMMARY:M\u00fcller Stra\u00dfe \u20ac \u4e2d"));
        Assert.That(fallback, Is.False);
    }

    [Test]
    public void A_byte_order_mark_is_dropped()
    {
        var text = IcsBytes.Decode([0xEF, 0xBB, 0xBF, .. "BEGIN:VCALENDAR"u8], out var fallback);

        Assert.That(text, Is.EqualTo("BEGIN:VCALENDAR"));
        Assert.That(fallback, Is.False);
    }

    [Test]
    public void Windows_1252_bytes_are_read_as_Windows_1252_and_flagged()
    {
        var text = IcsBytes.Decode(Windows1252.GetBytes("SUMMARY:M\u00fcller Stra\u00dfe \u20ac 5 \u201equoted\u201c"), out var fallback);

        Assert.That(text, Is.EqualTo("SUMMARY:M\u00fcller Stra\u00dfe \u20ac 5 \u201equoted\u201c"), "not ISO-8859-1: the euro sign and the quotes are Windows-1252's");
        Assert.That(fallback, Is.True);
    }

    [Test]
    public void A_UTF_8_character_split_by_line_folding_is_UTF_8_not_Windows_1252()
    {
        // RFC 5545 3.1: a fold may fall inside a multi-octet character; readers restore the sequence.
        byte[] bytes = [.. "BEGIN:VCALENDAR\r\nSUMMARY:Gr"u8, 0xC3, 0x0D, 0x0A, 0x20, 0xBC, .. "n\r\nEND:VCALENDAR\r\n"u8];

        var text = IcsBytes.Decode(bytes, out var fallback);

        Assert.That(text, Does.Contain("SUMMARY:Gr\u00fcn\r\n"));
        Assert.That(fallback, Is.False);
    }

    [Test]
    public void The_warning_is_one_sentence_naming_the_source() =>
        Assert.That(IcsBytes.NotUtf8Warning("The file 'a.ics'"), Is.EqualTo("The file 'a.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252."));
}
