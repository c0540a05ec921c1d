using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

/// <summary>
/// The VTIMEZONE the writer embeds is right on its own: renamed to an id no system knows, the reader has only the
/// VTIMEZONE's rules to go by, and must still find the same instants (this is what a server without a zone database
/// does with our objects).
/// </summary>
public sealed class GeneratedTimeZoneTests
{
    [TestCase("Europe/Berlin", "2026-01-15T09:00:00+01:00")]
    [TestCase("Europe/Berlin", "2026-07-15T09:00:00+02:00")]
    [TestCase("Europe/Berlin", "2026-03-29T03:30:00+02:00")]
    [TestCase("Europe/Berlin", "2026-10-25T03:30:00+01:00")]
    [TestCase("America/New_York", "2026-07-04T12:00:00-04:00")]
    [TestCase("America/New_York", "2026-12-24T18:00:00-05:00")]
    [TestCase("Australia/Sydney", "2026-01-10T10:00:00+11:00")]
    [TestCase("Australia/Sydney", "2026-07-10T10:00:00+10:00")]
    [TestCase("Asia/Kolkata", "2026-05-01T10:00:00+05:30")]
    [TestCase("Asia/Tokyo", "2026-05-01T10:00:00+09:00")]
    [TestCase("Europe/London", "2026-08-01T10:00:00+01:00")]
    public void Embedded_vtimezone_alone_gives_the_same_instant(string zone, string start)
    {
        var startTime = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var item = Ics.Appointment() with { TimeZoneId = zone, Start = startTime, End = startTime.AddHours(1) };
        var text = IcsWriter.Write("z", item, Ics.Stamp);
        Assert.That(text, Does.Contain("TZID:" + zone));

        var renamed = text.Replace(zone, "Custom Zone Without Database", StringComparison.Ordinal)
            .Replace("X-LIC-LOCATION:Custom Zone Without Database\r\n", string.Empty, StringComparison.Ordinal);
        var read = IcsReader.Read(renamed).Item;

        Assert.That(read.Start, Is.EqualTo(startTime));
        Assert.That(read.End, Is.EqualTo(startTime.AddHours(1)));
        Assert.That(read.TimeZoneId, Is.Null);
    }

    [TestCase("Europe/Berlin")]
    [TestCase("Asia/Tokyo")]
    public void Task_in_a_zone_carries_its_vtimezone(string zone)
    {
        var text = IcsWriter.Write("t", Ics.Task() with { TimeZoneId = zone, Start = null }, Ics.Stamp);

        Assert.That(Ics.Lines(text), Does.Contain("BEGIN:VTIMEZONE").And.Contain("TZID:" + zone));
        Assert.That(IcsReader.Read(text).Item.TimeZoneId, Is.EqualTo(zone));
    }

    [Test]
    public void All_day_and_utc_items_carry_no_vtimezone()
    {
        var allDay = IcsWriter.Write("a", Ics.Appointment() with
        {
            IsAllDay = true,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 5, 15, 0, 0, 0, TimeSpan.FromHours(2)),
        }, Ics.Stamp);

        Assert.That(Ics.Lines(allDay), Does.Not.Contain("BEGIN:VTIMEZONE"));
        Assert.That(Ics.Lines(IcsWriter.Write("u", Ics.Task() with { TimeZoneId = "UTC" }, Ics.Stamp)), Does.Not.Contain("BEGIN:VTIMEZONE"));
    }

    [Test]
    public void Source_tag_with_special_characters_round_trips()
    {
        var tag = "db;1,a\\b:c";

        var read = IcsReader.Read(IcsWriter.Write("s", Ics.Appointment() with { SourceTag = tag }, Ics.Stamp));

        Assert.That(read.Item.SourceTag, Is.EqualTo(tag));
    }

    [Test]
    public void Utc_zone_id_is_written_as_utc_and_read_without_a_zone()
    {
        var read = IcsReader.Read(IcsWriter.Write("u", Ics.Appointment() with { TimeZoneId = "Etc/UTC" }, Ics.Stamp)).Item;

        Assert.That(read.TimeZoneId, Is.Null);
        Assert.That(read.Start, Is.EqualTo(Ics.Appointment().Start));
    }

    [Test]
    public void Task_due_before_its_start_date_is_kept_on_the_start_day()
    {
        var item = Ics.Task() with
        {
            IsAllDay = true,
            TimeZoneId = null,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero),
        };

        Assert.That(Ics.Property(IcsWriter.Write("t", item, Ics.Stamp), "DUE"), Is.EqualTo(new[] { "DUE;VALUE=DATE:20260514" }));
    }

    [Test]
    public void Kind_decides_the_component()
    {
        Assert.That(IcsReader.Read(IcsWriter.Write("k", Ics.Task(), Ics.Stamp)).Item.Kind, Is.EqualTo(TodoKind.Task));
        Assert.That(IcsReader.Read(IcsWriter.Write("k", Ics.Appointment(), Ics.Stamp)).Item.Kind, Is.EqualTo(TodoKind.Appointment));
    }
}
