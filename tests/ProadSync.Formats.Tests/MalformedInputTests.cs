namespace ProadSync.Formats.Tests;

/// <summary>Bad input gets one clear sentence and never hangs.</summary>
public sealed class MalformedInputTests
{
    [TestCase("malformed-no-uid.ics", "UID")]
    [TestCase("malformed-no-component.ics", "neither a VEVENT nor a VTODO")]
    [TestCase("malformed-bad-date.ics", "DTSTART")]
    [TestCase("malformed-unclosed.ics", "cannot be parsed")]
    [TestCase("malformed-garbage.ics", "not iCalendar")]
    [TestCase("malformed-ends-before-start.ics", "ends before it starts")]
    [TestCase("unknown-tzid-without-vtimezone.ics", "Mars/Olympus_Mons")]
    public void Malformed_file_gives_one_clear_sentence(string file, string mentions)
    {
        var ex = Assert.Throws<IcsFormatException>(() => IcsReader.Read(Ics.File(file)));

        Assert.That(ex!.Message, Does.Contain(mentions));
        Assert.That(ex.Message.TrimEnd().Count(c => c == '\n'), Is.Zero, "one line");
        Assert.That(ex.Message.TrimEnd(), Does.EndWith("."));
    }

    [TestCase("")]
    [TestCase("   \r\n")]
    [TestCase("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")]
    [TestCase("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")]
    [TestCase("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Not a calendar\r\nEND:VCARD\r\n")]
    public void Other_bad_input_is_refused(string text)
    {
        Assert.Throws<IcsFormatException>(() => IcsReader.Read(text));
    }

    [Test]
    public void Input_over_the_size_cap_is_refused_without_parsing()
    {
        var huge = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDESCRIPTION:" + new string('a', IcsReadOptions.DefaultMaxLength) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var ex = Assert.Throws<IcsFormatException>(() => IcsReader.Read(huge));
        Assert.That(ex!.Message, Does.Contain("limit"));
    }

    [Test]
    public void Absurdly_nested_components_are_refused_before_parsing()
    {
        const int levels = 50_000;
        var text = "BEGIN:VCALENDAR\r\n" + string.Concat(Enumerable.Repeat("BEGIN:X\r\n", levels))
            + string.Concat(Enumerable.Repeat("END:X\r\n", levels)) + "END:VCALENDAR\r\n";

        var ex = Assert.Throws<IcsFormatException>(() => IcsReader.Read(text));
        Assert.That(ex!.Message, Does.Contain("nests"));
    }

    [Test]
    public void The_size_cap_is_configurable()
    {
        var text = Ics.File("floating-time.ics");

        Assert.Throws<IcsFormatException>(() => IcsReader.Read(text, new IcsReadOptions { MaxLength = 100 }));
        Assert.That(IcsReader.Read(text, new IcsReadOptions { MaxLength = text.Length }).Uid, Is.EqualTo("floating-1"));
    }

    [Test]
    public void Many_components_just_under_the_cap_are_read()
    {
        var one = "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nSUMMARY:s\r\nEND:VEVENT\r\n";
        var count = (IcsReadOptions.DefaultMaxLength - 100) / one.Length;
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + string.Concat(Enumerable.Repeat(one, count)) + "END:VCALENDAR\r\n";

        var read = IcsReader.Read(text);

        Assert.That(read.Item.IsRecurring, Is.True, "several components are a series");
    }
}
