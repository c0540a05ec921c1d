using ProadSync.Abstractions.Models;

namespace ProadSync.ConnectorTestKit;

/// <content>Field round trips (SPEC section 4).</content>
public abstract partial class CalendarTargetContractTests
{
    /// <summary>Every appointment field survives a create and a read (SPEC R-APT-1..3).</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-2")]
    [Category("R-APT-3")]
    public async Task R_APT_1_appointment_round_trips_every_field()
    {
        await RoundTripAsync(SampleAppointment());
    }

    /// <summary>Every task field survives a create and a read (SPEC R-TSK-1, R-TSK-2).</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-TSK-1")]
    [Category("R-TSK-2")]
    public async Task R_TSK_1_task_round_trips_every_field()
    {
        await RoundTripAsync(SampleTask());
    }

    /// <summary>An appointment in UTC (no time zone) keeps its instants.</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-1")]
    public async Task R_APT_1_utc_appointment_round_trips()
    {
        await RoundTripAsync(SampleAppointment() with
        {
            TimeZoneId = null,
            Start = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero),
        });
    }

    /// <summary>An appointment in summer time keeps its instants and zone (the zone's rules, not a fixed offset).</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-1")]
    public async Task R_APT_1_summer_time_appointment_round_trips()
    {
        await RoundTripAsync(SampleAppointment() with
        {
            Start = new DateTimeOffset(2026, 7, 1, 14, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.FromHours(2)),
        });
    }

    /// <summary>An all-day appointment over two days keeps its dates and stays all-day.</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-1")]
    public async Task R_APT_1_all_day_appointment_round_trips()
    {
        await RoundTripAsync(SampleAppointment() with
        {
            IsAllDay = true,
            Start = new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.FromHours(2)),
            End = new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.FromHours(2)),
            ShowAs = ShowAs.Free,
        });
    }

    /// <summary>Each priority survives a round trip (SPEC R-APT-2, R-TSK-1).</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="priority">The priority.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-2")]
    [Category("R-TSK-1")]
    public async Task R_APT_2_priority_round_trips(
        [Values] TodoKind kind,
        [Values] Priority priority)
    {
        await RoundTripAsync(Sample(kind) with { Priority = priority });
    }

    /// <summary>Each show-as value survives a round trip (SPEC R-APT-3).</summary>
    /// <param name="showAs">The value.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-3")]
    public async Task R_APT_3_show_as_round_trips([Values] ShowAs showAs)
    {
        await RoundTripAsync(SampleAppointment() with { ShowAs = showAs });
    }

    /// <summary>
    /// Each of the six task states survives a round trip, also waiting, deferred and cancelled, which most targets do
    /// not know (SPEC R-TSK-2, decision D-6).
    /// </summary>
    /// <param name="status">The state.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-TSK-2")]
    [Category("D-6")]
    public async Task D_6_task_status_round_trips([Values] TodoStatus status)
    {
        await RoundTripAsync(SampleTask() with { Status = status });
    }

    /// <summary>A task without a start keeps its due date and no start (SPEC R-TSK-1).</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-TSK-1")]
    public async Task R_TSK_1_task_without_start_round_trips()
    {
        await RoundTripAsync(SampleTask() with { Start = null });
    }

    /// <summary>Items without description and location read back without them.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-1")]
    [Category("R-TSK-1")]
    public async Task R_APT_1_missing_description_and_location_stay_missing([Values] TodoKind kind)
    {
        await RoundTripAsync(Sample(kind) with { Description = null, Location = null, SourceTag = null });
    }

    /// <summary>A subject of "." (what the host writes for an empty subject) is stored as "." (SPEC R-COND-2).</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-COND-2")]
    public async Task R_COND_2_full_stop_subject_stays_a_full_stop([Values] TodoKind kind)
    {
        var read = await RoundTripAsync(Sample(kind) with { Subject = "." });
        Assert.That(read.Subject, Is.EqualTo("."));
    }

    /// <summary>
    /// An item written with an empty subject is never stored without one: it reads back as "." (SPEC R-COND-2; the
    /// host normally replaces it first, a target must not fail or store an empty SUMMARY either way).
    /// </summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-COND-2")]
    public async Task R_COND_2_empty_subject_reads_back_as_full_stop([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind) with { Subject = string.Empty });
        var read = await GetOneAsync(target, kind, created.Id);
        Assert.That(read.Content!.Subject, Is.EqualTo("."));
    }

    /// <summary>
    /// An item written with a reminder is stored (the host already filtered it by SPEC R-APT-4), and the reminder is
    /// never read back (SPEC R-NOTE-3).
    /// </summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-APT-4")]
    [Category("R-TSK-3")]
    [Category("R-NOTE-3")]
    public async Task R_APT_4_reminder_goes_out_and_is_not_read_back([Values] TodoKind kind)
    {
        var item = Sample(kind);
        var read = await RoundTripAsync(item with { Reminder = item.Start!.Value.AddMinutes(-15) });
        Assert.That(read.Reminder, Is.Null);
    }
}
