using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

/// <summary>Reading foreign objects: each test data file pins one feature.</summary>
public sealed class IcsReaderTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-3")]
    [Category("R-NOTE-3")]
    public void Outlook_export_with_windows_tzid_is_read_in_the_iana_zone()
    {
        var read = IcsReader.Read(Ics.File("outlook-windows-tzid.ics"));

        Assert.That(read.Uid, Is.EqualTo("040000008200E00074C5B7101A82E00800000000D0F4A1B2C3D4DC01000000000000000010000000"));
        var item = read.Item;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(item.Kind, Is.EqualTo(TodoKind.Appointment));
            Assert.That(item.Subject, Is.EqualTo("Projektbesprechung"));
            Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 7, 15, 10, 0, 0, Cest)));
            Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 7, 15, 11, 30, 0, Cest)));
            Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
            Assert.That(item.Location, Is.EqualTo("Besprechungsraum 2"));
            Assert.That(item.Description, Is.EqualTo("Bitte Unterlagen mitbringen.\n"));
            Assert.That(item.ShowAs, Is.EqualTo(ShowAs.OutOfOffice), "X-MICROSOFT-CDO-BUSYSTATUS:OOF");
            Assert.That(item.Priority, Is.EqualTo(Priority.Normal));
            Assert.That(item.Reminder, Is.Null, "the VALARM is ignored (R-NOTE-3)");
            Assert.That(item.IsPrivate, Is.False);
            Assert.That(item.IsRecurring, Is.False);
            Assert.That(item.SourceTag, Is.Null);
        }
    }

    [Test]
    public void Floating_time_is_read_as_utc_by_default()
    {
        var item = IcsReader.Read(Ics.File("floating-time.ics")).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero)));
        Assert.That(item.TimeZoneId, Is.Null);
    }

    [Test]
    public void Floating_time_is_read_in_the_default_zone_when_given()
    {
        var item = IcsReader.Read(Ics.File("floating-time.ics"), new IcsReadOptions { DefaultTimeZoneId = "Europe/Berlin" }).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cet)));
        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 10, 0, 0, Cet)));
        Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-3")]
    public void All_day_dates_are_midnights_with_exclusive_end()
    {
        var item = IcsReader.Read(Ics.File("all-day.ics")).Item;

        Assert.That(item.IsAllDay, Is.True);
        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(item.ShowAs, Is.EqualTo(ShowAs.Free), "TRANSP:TRANSPARENT without a busy status");
    }

    [Test]
    public void All_day_dates_use_the_default_zone_when_given()
    {
        var item = IcsReader.Read(Ics.File("all-day.ics"), new IcsReadOptions { DefaultTimeZoneId = "Europe/Berlin" }).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 5, 14, 0, 0, 0, Cest)));
        Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    public void All_day_dates_use_the_zone_named_in_x_proad_tzid_before_the_default()
    {
        var text = Ics.File("all-day.ics").Replace("TRANSP:TRANSPARENT", "TRANSP:TRANSPARENT\r\nX-PROAD-TZID:Asia/Tokyo", StringComparison.Ordinal);

        var item = IcsReader.Read(text, new IcsReadOptions { DefaultTimeZoneId = "Europe/Berlin" }).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(9))));
        Assert.That(item.TimeZoneId, Is.EqualTo("Asia/Tokyo"));
    }

    [Test]
    public void All_day_without_end_lasts_one_day()
    {
        var item = IcsReader.Read(Ics.File("all-day-without-end.ics")).Item;

        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 12, 25, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Duration_instead_of_dtend_gives_the_end()
    {
        var item = IcsReader.Read(Ics.File("duration-instead-of-dtend.ics")).Item;

        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 10, 30, 0, Cet)));
    }

    [TestCase("recurring-with-override.ics", "Weekly stand-up")]
    [TestCase("recurrence-override-only.ics", "One moved instance")]
    [Category("R-COND-6")]
    public void R_COND_6_recurring_objects_are_flagged(string file, string subject)
    {
        var read = IcsReader.Read(Ics.File(file));

        Assert.That(read.Item.IsRecurring, Is.True);
        Assert.That(read.Item.Subject, Is.EqualTo(subject), "the first component is read");
    }

    [TestCase("private.ics")]
    [TestCase("confidential.ics")]
    [Category("R-COND-6")]
    public void R_COND_6_private_objects_are_flagged(string file)
    {
        Assert.That(IcsReader.Read(Ics.File(file)).Item.IsPrivate, Is.True);
    }

    [Test]
    [Category("R-COND-6")]
    public void R_COND_6_plain_objects_are_neither_private_nor_recurring()
    {
        var item = IcsReader.Read(Ics.File("floating-time.ics")).Item;

        Assert.That(item.IsPrivate, Is.False);
        Assert.That(item.IsRecurring, Is.False);
    }

    [Test]
    [Category("R-TSK-1")]
    [Category("R-APT-2")]
    public void Vtodo_without_due_has_no_end_and_normal_priority_for_zero()
    {
        var item = IcsReader.Read(Ics.File("vtodo-without-due.ics")).Item;

        Assert.That(item.Kind, Is.EqualTo(TodoKind.Task));
        Assert.That(item.Start, Is.Null);
        Assert.That(item.End, Is.Null, "the host then skips it (R-COND-5)");
        Assert.That(item.Priority, Is.EqualTo(Priority.Normal));
        Assert.That(item.Status, Is.EqualTo(TodoStatus.New));
    }

    [Test]
    [Category("D-6")]
    [Category("R-TSK-2")]
    [Category("R-APT-2")]
    public void D_6_external_completion_wins_over_a_stale_exact_state()
    {
        var item = IcsReader.Read(Ics.File("vtodo-completed-externally.ics")).Item;

        Assert.That(item.Status, Is.EqualTo(TodoStatus.Done), "STATUS:COMPLETED with X-PROAD-STATUS:WAITING");
        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 3, 20, 17, 0, 0, Cet)));
        Assert.That(item.Priority, Is.EqualTo(Priority.Low), "PRIORITY:7");
    }

    [TestCase("NEEDS-ACTION", null, TodoStatus.New)]
    [TestCase("IN-PROCESS", null, TodoStatus.Started)]
    [TestCase("COMPLETED", null, TodoStatus.Done)]
    [TestCase("CANCELLED", null, TodoStatus.Cancelled)]
    [TestCase(null, null, TodoStatus.New)]
    [TestCase("NEEDS-ACTION", "WAITING", TodoStatus.Waiting)]
    [TestCase("NEEDS-ACTION", "DEFERRED", TodoStatus.Deferred)]
    [TestCase("NEEDS-ACTION", "NEW", TodoStatus.New)]
    [TestCase("CANCELLED", "CANCELLED", TodoStatus.Cancelled)]
    [TestCase("IN-PROCESS", "WAITING", TodoStatus.Started)]
    [TestCase("NEEDS-ACTION", "DONE", TodoStatus.New)]
    [TestCase("NEEDS-ACTION", "garbage", TodoStatus.New)]
    [Category("R-TSK-2")]
    [Category("R-NOTE-4")]
    [Category("D-6")]
    public void D_6_status_and_x_proad_status_map_to_the_leading_state(string? status, string? exact, TodoStatus expected)
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VTODO\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\n"
            + "DUE:20260320T170000Z\r\nSUMMARY:x\r\n"
            + (status is null ? string.Empty : $"STATUS:{status}\r\n")
            + (exact is null ? string.Empty : $"X-PROAD-STATUS:{exact}\r\n")
            + "END:VTODO\r\nEND:VCALENDAR\r\n";

        Assert.That(IcsReader.Read(text).Item.Status, Is.EqualTo(expected));
    }

    [TestCase(null, null, null, ShowAs.Busy)]
    [TestCase("OPAQUE", null, null, ShowAs.Busy)]
    [TestCase("TRANSPARENT", null, null, ShowAs.Free)]
    [TestCase("OPAQUE", "TENTATIVE", null, ShowAs.Tentative)]
    [TestCase("OPAQUE", "OOF", null, ShowAs.OutOfOffice)]
    [TestCase("TRANSPARENT", "FREE", null, ShowAs.Free)]
    [TestCase("TRANSPARENT", "OOF", null, ShowAs.Free)]
    [TestCase("OPAQUE", "FREE", null, ShowAs.Busy)]
    [TestCase(null, null, "TENTATIVE", ShowAs.Tentative)]
    [Category("R-APT-3")]
    public void R_APT_3_transp_and_busy_status_map_to_show_as(string? transp, string? busyStatus, string? status, ShowAs expected)
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\n"
            + "DTSTART:20260320T170000Z\r\nDTEND:20260320T180000Z\r\nSUMMARY:x\r\n"
            + (transp is null ? string.Empty : $"TRANSP:{transp}\r\n")
            + (busyStatus is null ? string.Empty : $"X-MICROSOFT-CDO-BUSYSTATUS:{busyStatus}\r\n")
            + (status is null ? string.Empty : $"STATUS:{status}\r\n")
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";

        Assert.That(IcsReader.Read(text).Item.ShowAs, Is.EqualTo(expected));
    }

    [TestCase(null, Priority.Normal)]
    [TestCase(0, Priority.Normal)]
    [TestCase(1, Priority.High)]
    [TestCase(4, Priority.High)]
    [TestCase(5, Priority.Normal)]
    [TestCase(6, Priority.Low)]
    [TestCase(9, Priority.Low)]
    [Category("R-APT-2")]
    public void R_APT_2_priority_ranges(int? priority, Priority expected)
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\n"
            + "DTSTART:20260320T170000Z\r\nDTEND:20260320T180000Z\r\nSUMMARY:x\r\n"
            + (priority is null ? string.Empty : $"PRIORITY:{priority}\r\n")
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";

        Assert.That(IcsReader.Read(text).Item.Priority, Is.EqualTo(expected));
    }

    [Test]
    [Category("R-NOTE-1")]
    public void X_alt_desc_html_is_the_description_when_there_is_no_plain_one()
    {
        var item = IcsReader.Read(Ics.File("x-alt-desc-html.ics")).Item;

        Assert.That(item.DescriptionFormat, Is.EqualTo(DescriptionFormat.Html));
        Assert.That(item.Description, Is.EqualTo("<html><body><p>Hello <b>team</b></p><p>Line two</p></body></html>"));
    }

    [Test]
    [Category("R-NOTE-1")]
    public void Plain_description_wins_over_x_alt_desc()
    {
        var item = IcsReader.Read(Ics.File("x-alt-desc-with-plain.ics")).Item;

        Assert.That(item.DescriptionFormat, Is.EqualTo(DescriptionFormat.PlainText));
        Assert.That(item.Description, Is.EqualTo("Hello team\nLine two"));
    }

    [Test]
    public void Lf_only_line_endings_are_read()
    {
        Assert.That(Ics.File("lf-line-endings.ics"), Does.Not.Contain("\r"), "the test file really has LF line ends");

        var read = IcsReader.Read(Ics.File("lf-line-endings.ics"));

        Assert.That(read.Uid, Is.EqualTo("lf-only-1"));
        Assert.That(read.Item.Description, Is.EqualTo("first\nsecond"));
    }

    [Test]
    public void Folded_lines_are_unfolded()
    {
        var item = IcsReader.Read(Ics.File("folded-lines.ics")).Item;

        Assert.That(item.Subject, Is.EqualTo("A very long subject that an iCalendar writer has to fold because it is longer than seventy-five octets"));
        Assert.That(item.Description, Is.EqualTo("Folded with a tab continues here."));
        Assert.That(item.Location, Is.EqualTo("Room 7"));
    }

    [Test]
    public void Non_latin_text_and_escapes_are_read()
    {
        var item = IcsReader.Read(Ics.File("non-latin.ics")).Item;

        Assert.That(item.Subject, Is.EqualTo("会議 – Встреча – Ελληνικά – Müller 🎉"));
        Assert.That(item.Location, Is.EqualTo("東京"));
        Assert.That(item.Description, Is.EqualTo("Привет, мир; ✓"));
        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(9))));
        Assert.That(item.TimeZoneId, Is.EqualTo("Asia/Tokyo"));
    }

    [Test]
    public void Unknown_tzid_with_embedded_vtimezone_is_evaluated_from_its_rules()
    {
        var item = IcsReader.Read(Ics.File("custom-vtimezone.ics")).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 7, 10, 9, 30, 0, Cest)), "summer: the DAYLIGHT observance");
        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 7, 10, 10, 30, 0, Cest)));
        Assert.That(item.TimeZoneId, Is.Null, "no IANA zone is known for a custom VTIMEZONE");
    }

    [Test]
    public void Unknown_tzid_with_embedded_vtimezone_uses_standard_time_in_winter()
    {
        var text = Ics.File("custom-vtimezone.ics")
            .Replace(":20260710T093000", ":20260110T093000", StringComparison.Ordinal)
            .Replace(":20260710T103000", ":20260110T103000", StringComparison.Ordinal);

        Assert.That(IcsReader.Read(text).Item.Start, Is.EqualTo(new DateTimeOffset(2026, 1, 10, 9, 30, 0, Cet)));
    }

    [Test]
    public void Vendor_prefixed_tzid_is_understood()
    {
        var item = IcsReader.Read(Ics.File("mozilla-prefixed-tzid.ics")).Item;

        Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cet)));
        Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    [Category("R-COND-2")]
    [Category("D-5")]
    public void D_5_empty_subject_coming_in_is_a_full_stop()
    {
        Assert.That(IcsReader.Read(Ics.File("empty-summary.ics")).Item.Subject, Is.EqualTo("."));
    }

    [Test]
    [Category("R-NOTE-3")]
    public void R_NOTE_3_alarms_are_never_read_back()
    {
        var written = IcsWriter.Write("u", Ics.Appointment() with { Reminder = new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cet) }, Ics.Stamp);
        Assert.That(written, Does.Contain("BEGIN:VALARM"), "the alarm was written");

        Assert.That(IcsReader.Read(written).Item.Reminder, Is.Null);
    }

    [Test]
    public void Tentative_status_without_busy_status_is_tentative()
    {
        Assert.That(IcsReader.Read(Ics.File("tentative-status.ics")).Item.ShowAs, Is.EqualTo(ShowAs.Tentative));
    }
}
