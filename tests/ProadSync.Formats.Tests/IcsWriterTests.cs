using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

public sealed class IcsWriterTests
{
    [Test]
    public void Writes_one_complete_calendar_with_prodid_version_and_one_component()
    {
        var text = Ics.Write(Ics.Appointment());
        var lines = Ics.Lines(text);

        Assert.That(lines[0], Is.EqualTo("BEGIN:VCALENDAR"));
        Assert.That(lines[^1], Is.EqualTo("END:VCALENDAR"));
        Assert.That(lines, Does.Contain("VERSION:2.0"));
        Assert.That(lines.Count(l => l.StartsWith("PRODID:", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(lines.Count(l => l is "BEGIN:VEVENT" or "BEGIN:VTODO"), Is.EqualTo(1));
        Assert.That(text, Does.EndWith("\r\n"));
        Assert.That(text.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain("\n"), "every line ends with CRLF");
    }

    [Test]
    [Category("R-APT-1")]
    public void R_APT_1_appointment_has_uid_summary_times_in_its_zone_description_and_location()
    {
        var text = Ics.Write(Ics.Appointment(), "proadsync-db1-4711");

        Assert.That(Ics.Property(text, "UID"), Is.EqualTo(new[] { "UID:proadsync-db1-4711" }));
        Assert.That(Ics.Property(text, "SUMMARY"), Is.EqualTo(new[] { "SUMMARY:Kick-off" }));
        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;TZID=Europe/Berlin:20260310T093000" }));
        Assert.That(Ics.Property(text, "DTEND"), Is.EqualTo(new[] { "DTEND;TZID=Europe/Berlin:20260310T104500" }));
        Assert.That(Ics.Property(text, "DESCRIPTION"), Is.EqualTo(new[] { "DESCRIPTION:Agenda" }));
        Assert.That(Ics.Property(text, "LOCATION"), Is.EqualTo(new[] { "LOCATION:Room 3" }));
        Assert.That(Ics.Lines(text), Does.Contain("BEGIN:VTIMEZONE").And.Contain("TZID:Europe/Berlin"), "a VTIMEZONE for the TZID");
    }

    [Test]
    [Category("R-APT-1")]
    public void R_APT_1_times_given_in_another_offset_are_written_as_wall_clock_of_the_zone()
    {
        var item = Ics.Appointment() with
        {
            Start = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero),
        };

        var text = Ics.Write(item);

        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;TZID=Europe/Berlin:20260701T140000" }));
    }

    [Test]
    [Category("R-APT-1")]
    public void R_APT_1_without_zone_times_are_written_in_utc_and_no_vtimezone()
    {
        var text = Ics.Write(Ics.Appointment() with { TimeZoneId = null });

        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART:20260310T083000Z" }));
        Assert.That(Ics.Property(text, "DTEND"), Is.EqualTo(new[] { "DTEND:20260310T094500Z" }));
        Assert.That(Ics.Lines(text), Does.Not.Contain("BEGIN:VTIMEZONE"));
    }

    [Test]
    [Category("R-APT-1")]
    public void R_APT_1_windows_zone_id_is_written_as_its_iana_id()
    {
        var text = Ics.Write(Ics.Appointment() with { TimeZoneId = "W. Europe Standard Time" });

        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;TZID=Europe/Berlin:20260310T093000" }));
    }

    [Test]
    public void Unknown_zone_cannot_be_written()
    {
        var ex = Assert.Throws<IcsFormatException>(() => Ics.Write(Ics.Appointment() with { TimeZoneId = "Mars/Olympus_Mons" }));
        Assert.That(ex!.Message, Does.Contain("Mars/Olympus_Mons"));
    }

    [Test]
    [Category("R-APT-1")]
    public void R_APT_1_all_day_appointment_is_written_as_dates_with_exclusive_end()
    {
        var item = Ics.Appointment() with
        {
            IsAllDay = true,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(2)),
        };

        var text = Ics.Write(item);

        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;VALUE=DATE:20260514" }));
        Assert.That(Ics.Property(text, "DTEND"), Is.EqualTo(new[] { "DTEND;VALUE=DATE:20260516" }));
        Assert.That(Ics.Property(text, "X-PROAD-TZID"), Is.EqualTo(new[] { "X-PROAD-TZID:Europe/Berlin" }), "dates carry no zone");
    }

    [Test]
    [Category("R-TSK-1")]
    public void R_TSK_1_all_day_task_due_names_its_last_day()
    {
        var item = Ics.Task() with
        {
            IsAllDay = true,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(2)),
        };

        var text = Ics.Write(item);

        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;VALUE=DATE:20260514" }));
        Assert.That(Ics.Property(text, "DUE"), Is.EqualTo(new[] { "DUE;VALUE=DATE:20260515" }));
    }

    [Test]
    [Category("R-TSK-1")]
    public void R_TSK_1_task_is_a_vtodo_with_dtstart_and_due_in_its_zone()
    {
        var text = Ics.Write(Ics.Task());

        Assert.That(Ics.Lines(text), Does.Contain("BEGIN:VTODO").And.Not.Contain("BEGIN:VEVENT"));
        Assert.That(Ics.Property(text, "DTSTART"), Is.EqualTo(new[] { "DTSTART;TZID=Europe/Berlin:20260714T080000" }));
        Assert.That(Ics.Property(text, "DUE"), Is.EqualTo(new[] { "DUE;TZID=Europe/Berlin:20260716T170000" }));
        Assert.That(Ics.Property(text, "DTEND"), Is.Empty);
        Assert.That(Ics.Property(text, "TRANSP"), Is.Empty, "show-as is an appointment field");
    }

    [Test]
    [Category("R-TSK-1")]
    public void R_TSK_1_task_without_start_has_only_due()
    {
        var text = Ics.Write(Ics.Task() with { Start = null });

        Assert.That(Ics.Property(text, "DTSTART"), Is.Empty);
        Assert.That(Ics.Property(text, "DUE"), Has.Count.EqualTo(1));
    }

    [TestCase("", ".")]
    [TestCase("   ", ".")]
    [TestCase(".", ".")]
    [TestCase("Call", "Call")]
    [Category("R-COND-2")]
    public void R_COND_2_empty_subject_is_written_as_full_stop(string subject, string expected)
    {
        Assert.That(Ics.Property(Ics.Write(Ics.Appointment() with { Subject = subject }), "SUMMARY"), Is.EqualTo(new[] { "SUMMARY:" + expected }));
        Assert.That(Ics.Property(Ics.Write(Ics.Task() with { Subject = subject }), "SUMMARY"), Is.EqualTo(new[] { "SUMMARY:" + expected }));
    }

    [TestCase(Priority.High, 1)]
    [TestCase(Priority.Normal, 5)]
    [TestCase(Priority.Low, 9)]
    [Category("R-APT-2")]
    [Category("R-TSK-1")]
    public void R_APT_2_priority_is_1_5_9(Priority priority, int expected)
    {
        Assert.That(Ics.Property(Ics.Write(Ics.Appointment() with { Priority = priority }), "PRIORITY"), Is.EqualTo(new[] { $"PRIORITY:{expected}" }));
        Assert.That(Ics.Property(Ics.Write(Ics.Task() with { Priority = priority }), "PRIORITY"), Is.EqualTo(new[] { $"PRIORITY:{expected}" }));
    }

    [TestCase(ShowAs.Free, "TRANSPARENT", "FREE")]
    [TestCase(ShowAs.Tentative, "OPAQUE", "TENTATIVE")]
    [TestCase(ShowAs.Busy, "OPAQUE", "BUSY")]
    [TestCase(ShowAs.OutOfOffice, "OPAQUE", "OOF")]
    [Category("R-APT-3")]
    public void R_APT_3_show_as_is_transp_and_busy_status(ShowAs showAs, string transp, string busyStatus)
    {
        var text = Ics.Write(Ics.Appointment() with { ShowAs = showAs });

        Assert.That(Ics.Property(text, "TRANSP"), Is.EqualTo(new[] { "TRANSP:" + transp }));
        Assert.That(Ics.Property(text, "X-MICROSOFT-CDO-BUSYSTATUS"), Is.EqualTo(new[] { "X-MICROSOFT-CDO-BUSYSTATUS:" + busyStatus }));
    }

    [TestCase(TodoStatus.New, "NEEDS-ACTION", "NEW")]
    [TestCase(TodoStatus.Started, "IN-PROCESS", "STARTED")]
    [TestCase(TodoStatus.Waiting, "NEEDS-ACTION", "WAITING")]
    [TestCase(TodoStatus.Deferred, "NEEDS-ACTION", "DEFERRED")]
    [TestCase(TodoStatus.Done, "COMPLETED", "DONE")]
    [TestCase(TodoStatus.Cancelled, "CANCELLED", "CANCELLED")]
    [Category("R-TSK-2")]
    [Category("D-6")]
    public void D_6_task_status_is_status_plus_exact_x_proad_status(TodoStatus status, string icsStatus, string exact)
    {
        var text = Ics.Write(Ics.Task() with { Status = status });

        Assert.That(Ics.Property(text, "STATUS"), Is.EqualTo(new[] { "STATUS:" + icsStatus }));
        Assert.That(Ics.Property(text, "X-PROAD-STATUS"), Is.EqualTo(new[] { "X-PROAD-STATUS:" + exact }));
    }

    [Test]
    public void Source_tag_is_written_as_x_proad_id_only_when_set()
    {
        Assert.That(Ics.Property(Ics.Write(Ics.Appointment()), "X-PROAD-ID"), Is.EqualTo(new[] { "X-PROAD-ID:db1:4711" }));
        Assert.That(Ics.Property(Ics.Write(Ics.Appointment() with { SourceTag = null }), "X-PROAD-ID"), Is.Empty);
    }

    [Test]
    [Category("R-APT-4")]
    [Category("R-TSK-3")]
    public void R_APT_4_reminder_is_one_display_alarm_at_the_given_instant([Values] TodoKind kind)
    {
        var item = (kind == TodoKind.Task ? Ics.Task() : Ics.Appointment()) with
        {
            Reminder = new DateTimeOffset(2026, 3, 10, 9, 15, 0, TimeSpan.FromHours(1)),
        };

        var lines = Ics.Lines(Ics.Write(item));

        Assert.That(lines.Count(l => l == "BEGIN:VALARM"), Is.EqualTo(1));
        Assert.That(lines, Does.Contain("ACTION:DISPLAY"));
        Assert.That(lines, Does.Contain("TRIGGER;VALUE=DATE-TIME:20260310T081500Z"));
    }

    [Test]
    [Category("R-APT-4")]
    public void R_APT_4_no_reminder_no_alarm()
    {
        Assert.That(Ics.Lines(Ics.Write(Ics.Appointment() with { Reminder = null })), Does.Not.Contain("BEGIN:VALARM"));
    }

    [Test]
    [Category("R-COND-3")]
    [Category("R-COND-4")]
    public void R_COND_3_and_4_never_attendee_organizer_or_attach([Values] TodoKind kind)
    {
        var item = (kind == TodoKind.Task ? Ics.Task() : Ics.Appointment()) with { Reminder = Ics.Stamp };
        var lines = Ics.Lines(Ics.Write(item));

        Assert.That(lines.Where(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)
            || l.StartsWith("ORGANIZER", StringComparison.Ordinal)
            || l.StartsWith("ATTACH", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Dtstamp_comes_from_the_given_stamp_or_time_provider()
    {
        Assert.That(Ics.Property(IcsWriter.Write("u", Ics.Appointment(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)), "DTSTAMP"),
            Is.EqualTo(new[] { "DTSTAMP:20260102T030405Z" }));
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 6, 7, 8, 9, 10, TimeSpan.FromHours(2)));
        Assert.That(Ics.Property(IcsWriter.Write("u", Ics.Appointment(), clock), "DTSTAMP"), Is.EqualTo(new[] { "DTSTAMP:20270607T060910Z" }));
    }

    [Test]
    public void Same_input_gives_the_same_bytes()
    {
        var first = Ics.Write(Ics.Appointment());
        var second = Ics.Write(Ics.Appointment());

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Text_is_escaped_and_line_breaks_become_escaped_newlines()
    {
        var text = Ics.Write(Ics.Appointment() with { Subject = "A; B, C \\ D", Description = "one\r\ntwo\nthree" });

        Assert.That(Ics.Property(text, "SUMMARY"), Is.EqualTo(new[] { @"SUMMARY:A\; B\, C \\ D" }));
        Assert.That(Ics.Property(text, "DESCRIPTION"), Is.EqualTo(new[] { @"DESCRIPTION:one\ntwo\nthree" }));
    }

    [Test]
    public void Long_lines_are_folded_at_75_octets_without_splitting_characters()
    {
        var subject = string.Concat(Enumerable.Repeat("会議 Müller 🎉 ", 20));
        var text = Ics.Write(Ics.Appointment() with { Subject = subject });

        foreach (var line in text.Split("\r\n"))
        {
            Assert.That(System.Text.Encoding.UTF8.GetByteCount(line), Is.LessThanOrEqualTo(75), line);
            Assert.That(line.Length == 0 || !char.IsLowSurrogate(line.TrimStart(' ')[0]), Is.True, "no surrogate pair is split");
        }

        Assert.That(IcsReader.Read(text).Item.Subject, Is.EqualTo(subject.Trim()));
    }

    [Test]
    public void Appointment_without_times_cannot_be_written()
    {
        Assert.Throws<IcsFormatException>(() => Ics.Write(Ics.Appointment() with { Start = null }));
    }

    [Test]
    public void Uid_with_control_characters_cannot_be_written()
    {
        Assert.Throws<IcsFormatException>(() => IcsWriter.Write("a\r\nATTENDEE:mailto:x@example.org", Ics.Appointment(), Ics.Stamp));
    }
}
