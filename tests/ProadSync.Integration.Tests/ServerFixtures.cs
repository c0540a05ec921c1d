using System.Text.Json;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.CalDav;

namespace ProadSync.Integration.Tests;

/// <summary>Radicale 3.1: sync-collection, an invalid token answers 403, Basic auth, HTTP/1.0.</summary>
[TestFixture]
[Category("Radicale")]
public sealed class RadicaleBehaviourTests : ServerBehaviourTests
{
    /// <inheritdoc />
    protected override string ServerName => "radicale";

    /// <inheritdoc />
    protected override string? UserWithoutCalendars => DavServers.Env["RADICALE_EMPTY_USER"];

    /// <inheritdoc />
    protected override void ExpectProbe(JsonElement probe)
    {
        Assert.That(probe.GetProperty("AuthScheme").ToString(), Is.AnyOf("Basic", "2"));
        Assert.That(probe.GetProperty("SyncCollection").GetBoolean(), Is.True);
        Assert.That(probe.GetProperty("InvalidTokenReported").GetBoolean(), Is.True);
        Assert.That(probe.GetProperty("InvalidTokenStatus").GetInt32(), Is.EqualTo(403));
    }
}

/// <summary>Xandikos 0.2: no authentication, an invalid token answers 500, errors inside 207.</summary>
[TestFixture]
[Category("Xandikos")]
public sealed class XandikosBehaviourTests : ServerBehaviourTests
{
    /// <inheritdoc />
    protected override string ServerName => "xandikos";

    /// <inheritdoc />
    protected override bool HonoursComponentSet => false;

    /// <inheritdoc />
    protected override void ExpectProbe(JsonElement probe)
    {
        Assert.That(probe.GetProperty("AuthScheme").ToString(), Is.AnyOf("None", "1"));
        Assert.That(probe.GetProperty("SyncCollection").GetBoolean(), Is.True);
        Assert.That(probe.GetProperty("InvalidTokenStatus").GetInt32(), Is.EqualTo(500));
    }

    [Test]
    public async Task A_write_error_inside_a_207_is_not_taken_as_success()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        var created = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("first"), CancellationToken.None);
        var stale = created.Item with { Version = new ItemVersion("\"not-the-etag\"") };

        // Xandikos answers the stale If-Match with 207 Multi-Status and 412 inside (servers.md).
        Assert.ThrowsAsync<ProadSync.Abstractions.Errors.VersionConflictException>(
            () => target.UpdateAsync(TodoKind.Appointment, stale, Appointment("second"), CancellationToken.None));
        var read = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(read.Content!.Subject, Is.EqualTo("first"));
        Assert.That(calendar, Is.Not.Null);
    }
}

/// <summary>DAViCal 1.1: an unknown sync-token gives a silent full listing, so the plugin reconciles periodically.</summary>
[TestFixture]
[Category("DAViCal")]
public sealed class DavicalBehaviourTests : ServerBehaviourTests
{
    private static readonly DateRange Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <inheritdoc />
    protected override string ServerName => "davical";

    /// <inheritdoc />
    protected override bool UnknownTokenGivesFullListing => false;

    /// <inheritdoc />
    protected override void ExpectProbe(JsonElement probe)
    {
        Assert.That(probe.GetProperty("AuthScheme").ToString(), Is.AnyOf("Basic", "2"));
        Assert.That(probe.GetProperty("SyncCollection").GetBoolean(), Is.True);
        Assert.That(probe.GetProperty("InvalidTokenReported").GetBoolean(), Is.False, "DAViCal accepts an unknown token silently");
        Assert.That(probe.GetProperty("Multiget").ToString(), Is.AnyOf("Omitted", "2"));
    }

    [Test]
    public async Task Every_nth_run_is_a_full_reconcile_that_shows_hidden_deletions()
    {
        var (target, calendar) = await FreshTargetAsync(new Dictionary<string, string> { [CalDavOptionNames.ReconcileEvery] = "2" });
        await using var _ = target;
        var keep = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("keep"), CancellationToken.None);
        var first = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        Assert.That(first.IsFullListing, Is.True);

        var added = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("added"), CancellationToken.None);
        var second = await target.GetChangesAsync(TodoKind.Appointment, first.NextCursor, Window, CancellationToken.None);
        Assert.That(second.IsFullListing, Is.False, "run 1 after a listing is a delta");
        Assert.That(second.Items, Does.Contain(added.Item));

        using (var raw = new RawDav())
        {
            Assert.That(await raw.DeleteAsync(new Uri(calendar, added.Item.Id)), Is.InRange(200, 299));
        }

        var third = await target.GetChangesAsync(TodoKind.Appointment, second.NextCursor, Window, CancellationToken.None);
        Assert.That(third.IsFullListing, Is.True, "run 2 reconciles with a full ETag listing");
        Assert.That(third.Items, Is.EqualTo(new[] { keep.Item }));
    }
}

/// <summary>SabreDAV 1.8 (Baikal 0.2): Digest, no sync-collection, multiget fails as a whole for a missing href, VEVENT-only calendars refuse VTODO.</summary>
[TestFixture]
[Category("SabreDAV")]
public sealed class SabreDavBehaviourTests : ServerBehaviourTests
{
    /// <inheritdoc />
    protected override string ServerName => "sabredav";

    /// <inheritdoc />
    protected override void ExpectProbe(JsonElement probe)
    {
        Assert.That(probe.GetProperty("AuthScheme").ToString(), Is.AnyOf("Digest", "3"));
        Assert.That(probe.GetProperty("SyncCollection").GetBoolean(), Is.False);
        Assert.That(probe.GetProperty("Multiget").ToString(), Is.AnyOf("WholeReportFails", "3"));
    }

    [Test]
    public async Task A_task_in_a_calendar_that_refuses_VTODO_is_rejected_as_an_item()
    {
        using var raw = new RawDav();
        var eventsOnly = await raw.MakeCalendarAsync(Server.CalendarHome, "VEVENT");
        var options = new Dictionary<string, string>
        {
            [CalDavOptionNames.CalendarUrl] = eventsOnly.ToString(),
            [CalDavOptionNames.TaskUrl] = eventsOnly.ToString(),
        };
        await using var target = await Targets.CalendarAsync(Targets.Settings(Server, options: options));

        // SabreDAV answers 403 (supported-calendar-component): one refused item, not a broken run.
        var ex = Assert.ThrowsAsync<ProadSync.Abstractions.Errors.ItemRejectedException>(
            () => target.CreateAsync(TodoKind.Task, "it-" + Guid.NewGuid().ToString("N"), Task("refused"), CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("403"));
        var ok = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("fine"), CancellationToken.None);
        Assert.That(ok.Adopted, Is.False);
    }
}
