using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

/// <summary>What IcsWriter writes, IcsReader reads back unchanged (the reminder excepted, R-NOTE-3).</summary>
public sealed class RoundTripTests
{
    private static IEnumerable<TestCaseData> Items()
    {
        yield return new TestCaseData(Ics.Appointment()).SetName("Appointment in Europe/Berlin");
        yield return new TestCaseData(Ics.Appointment() with { TimeZoneId = null }).SetName("Appointment in UTC");
        yield return new TestCaseData(Ics.Appointment() with
        {
            TimeZoneId = "America/New_York",
            Start = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4)),
            End = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-5)),
        }).SetName("Appointment across the autumn change in New York");
        yield return new TestCaseData(Ics.Appointment() with
        {
            IsAllDay = true,
            TimeZoneId = null,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.Zero),
        }).SetName("All-day appointment");
        yield return new TestCaseData(Ics.Appointment() with
        {
            IsAllDay = true,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(2)),
        }).SetName("All-day appointment in Europe/Berlin keeps its midnights and zone");
        yield return new TestCaseData(Ics.Appointment() with
        {
            Subject = "会議 – Встреча – Müller 🎉; a, b \\ c",
            Description = "Line 1\nLine 2\n\nLine 4 with ; , \\ and a long tail " + new string('x', 200),
            Location = "東京, Raum 1",
            Priority = Priority.Low,
            ShowAs = ShowAs.OutOfOffice,
        }).SetName("Appointment with non-Latin, escaped and long text");
        foreach (var status in Enum.GetValues<TodoStatus>())
        {
            yield return new TestCaseData(Ics.Task() with { Status = status, Priority = Priority.High }).SetName($"Task {status}").SetCategory("D-6");
        }

        yield return new TestCaseData(Ics.Task() with { Start = null }).SetName("Task without start");
        yield return new TestCaseData(Ics.Task() with { Start = null, End = null, TimeZoneId = null }).SetName("Task without dates (no time to carry a zone)");
        yield return new TestCaseData(Ics.Task() with
        {
            IsAllDay = true,
            TimeZoneId = null,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.Zero),
        }).SetName("All-day task");
        yield return new TestCaseData(Ics.Task() with
        {
            IsAllDay = true,
            TimeZoneId = "America/New_York",
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(-4)),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(-4)),
        }).SetName("All-day task in America/New_York keeps its midnights and zone");
    }

    [TestCaseSource(nameof(Items))]
    [Category("R-APT-1")]
    [Category("R-TSK-1")]
    [Category("R-NOTE-2")]
    public void Written_item_reads_back_unchanged(CalendarItem item)
    {
        var withReminder = item with { Reminder = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero) };

        var read = IcsReader.Read(IcsWriter.Write("proadsync-db-1", withReminder, Ics.Stamp));

        Assert.That(read.Uid, Is.EqualTo("proadsync-db-1"));
        Assert.That(read.Item, Is.EqualTo(item with { Reminder = null }));
    }

    [TestCaseSource(nameof(Items))]
    [Category("R-NOTE-2")]
    public void Writing_what_was_read_gives_the_same_bytes(CalendarItem item)
    {
        var first = IcsWriter.Write("u", item, Ics.Stamp);
        var second = IcsWriter.Write("u", IcsReader.Read(first).Item, Ics.Stamp);

        Assert.That(second, Is.EqualTo(first), "a round trip must never change (or grow) the object");
    }

    [Test]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_crlf_in_a_description_does_not_grow()
    {
        var read = IcsReader.Read(IcsWriter.Write("u", Ics.Appointment() with { Description = "a\r\nb\r\n" }, Ics.Stamp));

        Assert.That(read.Item.Description, Is.EqualTo("a\nb\n"));
    }
}
