using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.ConnectorTestKit;

/// <summary>
/// The contract every <see cref="ICalendarTarget"/> must keep, as NUnit tests. A backend's test project derives a
/// fixture from this class, implements <see cref="CreateTargetAsync"/> (a fresh, empty calendar per test: the listing tests count items)
/// and inherits every test.
/// </summary>
/// <remarks>
/// <para>Each test creates its own target and disposes it. Identities are unique (<see cref="NewIdentity"/>), so
/// leftovers of an aborted earlier run never collide with a new test.</para>
/// <para>Tests carry the SPEC rule they prove as a category, so <c>dotnet test --filter TestCategory=R-COND-2</c>
/// runs the proof of one rule for every backend.</para>
/// </remarks>
public abstract partial class CalendarTargetContractTests
{
    /// <summary>A wide window around the fixture items (the host's window is a hint to most targets).</summary>
    protected static readonly DateRange Window = new(
        new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The IANA time zone the fixture items are entered in.</summary>
    protected const string Zone = "Europe/Berlin";

    /// <summary>
    /// Creates the target under test. Within one test every call must reach the same calendar, and that calendar must
    /// be empty when the test starts (a new folder, a new collection per test).
    /// </summary>
    /// <returns>The target; the test disposes it.</returns>
    protected abstract Task<ICalendarTarget> CreateTargetAsync();

    /// <summary>
    /// Plants one raw, unparseable object of <paramref name="kind"/> in the calendar behind the targets that
    /// <see cref="CreateTargetAsync"/> makes (bypassing the target), or returns <see langword="false"/> when the
    /// backend cannot hold such an object (the malformed-object test is then reported as ignored, not passed).
    /// </summary>
    /// <param name="kind">The kind of collection to plant it in.</param>
    /// <returns>Whether an object was planted.</returns>
    protected virtual Task<bool> TryPlantMalformedAsync(TodoKind kind) => Task.FromResult(false);

    /// <summary>
    /// What the backend is expected to give back after writing <paramref name="written"/>. The default: everything
    /// as written except the reminder, which is never read back (SPEC R-NOTE-3). A backend that cannot store a field
    /// overrides this and says why in its own code — every such loss is then visible in one place.
    /// </summary>
    /// <param name="written">The content that was written.</param>
    /// <returns>The content expected on read.</returns>
    protected virtual CalendarItem ExpectedAfterRoundTrip(CalendarItem written) => written with { Reminder = null };

    /// <summary>A fresh identity for one item, unique across tests and runs.</summary>
    /// <returns>The identity.</returns>
    protected virtual string NewIdentity() => $"proadsync-kit-{Guid.NewGuid():N}";

    /// <summary>A timed appointment with every field set.</summary>
    /// <returns>The content.</returns>
    protected static CalendarItem SampleAppointment() => new()
    {
        Kind = TodoKind.Appointment,
        Subject = "Kick-off Müller & Söhne – 会议 ✓",
        Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
        TimeZoneId = Zone,
        Description = "Agenda:\n1. Budget; costs, timing\n2. Next steps",
        Location = "Raum 3, Köln",
        Priority = Priority.High,
        ShowAs = ShowAs.Tentative,
        SourceTag = "kit:appointment:4711",
    };

    /// <summary>A task with start, due and every field set.</summary>
    /// <returns>The content.</returns>
    protected static CalendarItem SampleTask() => new()
    {
        Kind = TodoKind.Task,
        Subject = "Angebot prüfen – Ærø",
        Start = new DateTimeOffset(2026, 7, 14, 8, 0, 0, TimeSpan.FromHours(2)),
        End = new DateTimeOffset(2026, 7, 16, 17, 0, 0, TimeSpan.FromHours(2)),
        TimeZoneId = Zone,
        Description = "Check the offer\nand call back.",
        Location = "Büro",
        Priority = Priority.Low,
        Status = TodoStatus.Started,
        SourceTag = "kit:task:815",
    };

    /// <summary>The fixture item of <paramref name="kind"/>.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>The content.</returns>
    protected static CalendarItem Sample(TodoKind kind) => kind == TodoKind.Task ? SampleTask() : SampleAppointment();

    /// <summary>Creates an item and fails the test when the target adopted an existing one.</summary>
    /// <param name="target">The target.</param>
    /// <param name="item">The content.</param>
    /// <returns>The new item's reference.</returns>
    protected async Task<ExternalItemRef> CreateNewAsync(ICalendarTarget target, CalendarItem item)
    {
        var result = await target.CreateAsync(item.Kind, NewIdentity(), item, CancellationToken.None);
        Assert.That(result.Adopted, Is.False, "a fresh identity must create a new item");
        Assert.That(result.Item.Id, Is.Not.Empty);
        Assert.That(result.Item.Version.Value, Is.Not.Empty);
        return result.Item;
    }

    /// <summary>Reads one item and fails the test when it is missing or unreadable.</summary>
    /// <param name="target">The target.</param>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="id">The item's id.</param>
    /// <returns>The fetched item.</returns>
    protected static async Task<FetchedItem> GetOneAsync(ICalendarTarget target, TodoKind kind, string id)
    {
        var fetched = await target.GetAsync(kind, [id], CancellationToken.None);
        Assert.That(fetched, Has.Count.EqualTo(1), $"GetAsync must return the item '{id}'");
        var one = fetched[0];
        Assert.That(one.Problem, Is.Null, "a well-formed item must be read without a problem");
        Assert.That(one.Content, Is.Not.Null);
        Assert.That(one.Item.Id, Is.EqualTo(id));
        return one;
    }

    /// <summary>Writes <paramref name="written"/>, reads it back and compares every field.</summary>
    /// <param name="written">The content to write.</param>
    /// <returns>The content read back.</returns>
    protected async Task<CalendarItem> RoundTripAsync(CalendarItem written)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, written);
        var fetched = await GetOneAsync(target, written.Kind, created.Id);
        Assert.That(fetched.Item.Version, Is.EqualTo(created.Version), "the version read must be the version the create returned");
        AssertSameContent(ExpectedAfterRoundTrip(written), fetched.Content!, target.Capabilities);
        return fetched.Content!;
    }

    /// <summary>Compares what a target read with what was expected, field by field.</summary>
    /// <param name="expected">The expected content.</param>
    /// <param name="actual">The content read.</param>
    /// <param name="capabilities">The target's capabilities (date-only task dates are compared by date).</param>
    protected static void AssertSameContent(CalendarItem expected, CalendarItem actual, TargetCapabilities capabilities)
    {
        var dateOnly = expected.IsAllDay || (expected.Kind == TodoKind.Task && capabilities.TaskDatesAreDateOnly);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Kind, Is.EqualTo(expected.Kind), "kind");
            Assert.That(actual.Subject, Is.EqualTo(expected.Subject), "subject");
            Assert.That(actual.IsAllDay, Is.EqualTo(expected.IsAllDay), "all-day");
            if (dateOnly)
            {
                Assert.That(LocalDate(actual.Start, actual.TimeZoneId), Is.EqualTo(LocalDate(expected.Start, expected.TimeZoneId)), "start date");
                Assert.That(LocalDate(actual.End, actual.TimeZoneId), Is.EqualTo(LocalDate(expected.End, expected.TimeZoneId)), "end date");
            }
            else
            {
                Assert.That(actual.Start, Is.EqualTo(expected.Start), "start (the same instant)");
                Assert.That(actual.End, Is.EqualTo(expected.End), "end (the same instant)");
                Assert.That(actual.TimeZoneId, Is.EqualTo(expected.TimeZoneId), "time zone");
            }

            Assert.That(Normalize(actual.Description), Is.EqualTo(Normalize(expected.Description)), "description (must not grow, SPEC R-NOTE-2)");
            Assert.That(actual.DescriptionFormat, Is.EqualTo(expected.DescriptionFormat), "description format");
            Assert.That(Normalize(actual.Location), Is.EqualTo(Normalize(expected.Location)), "location");
            Assert.That(actual.Priority, Is.EqualTo(expected.Priority), "priority");
            if (expected.Kind == TodoKind.Appointment)
            {
                Assert.That(actual.ShowAs, Is.EqualTo(expected.ShowAs), "show as");
            }
            else
            {
                Assert.That(actual.Status, Is.EqualTo(expected.Status), "status");
            }

            Assert.That(actual.Reminder, Is.EqualTo(expected.Reminder), "reminder (never read back, SPEC R-NOTE-3)");
            Assert.That(actual.IsPrivate, Is.EqualTo(expected.IsPrivate), "private");
            Assert.That(actual.IsRecurring, Is.EqualTo(expected.IsRecurring), "recurring");
            Assert.That(actual.SourceTag, Is.EqualTo(expected.SourceTag), "source tag");
        }
    }

    private static string? Normalize(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static DateOnly? LocalDate(DateTimeOffset? time, string? zone)
    {
        if (time is not { } t)
        {
            return null;
        }

        if (zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
        {
            t = TimeZoneInfo.ConvertTime(t, tz);
        }

        return DateOnly.FromDateTime(t.DateTime);
    }
}
