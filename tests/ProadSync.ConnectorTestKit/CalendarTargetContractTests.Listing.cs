using ProadSync.Abstractions.Models;

namespace ProadSync.ConnectorTestKit;

/// <content>Listings, deltas, malformed objects and the connection test.</content>
public abstract partial class CalendarTargetContractTests
{
    /// <summary>A full listing holds every item of the kind with the version the write returned, and no item of the other kind.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Full_listing_holds_every_item_of_the_kind_with_its_version([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var a = await CreateNewAsync(target, Sample(kind) with { Subject = "a" });
        var b = await CreateNewAsync(target, Sample(kind) with { Subject = "b" });
        var other = kind == TodoKind.Task ? TodoKind.Appointment : TodoKind.Task;
        var foreign = await CreateNewAsync(target, Sample(other));

        var listing = await target.GetChangesAsync(kind, null, Window, CancellationToken.None);

        Assert.That(listing.IsFullListing, Is.True);
        Assert.That(listing.DeletedIds, Is.Empty, "a full listing reports no deletions");
        Assert.That(listing.Items, Is.EquivalentTo(new[] { a, b }), "ids and versions as the creates returned them");
        Assert.That(listing.Items.Select(i => i.Id), Does.Not.Contain(foreign.Id), "items of the other kind are not listed");
    }

    /// <summary>
    /// With a change cursor, a delta from the cursor sees creates, updates and deletes; without one, a cursor still
    /// yields a full listing (the contract's fallback).
    /// </summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Changes_since_a_cursor_see_creates_updates_and_deletes([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var unchanged = await CreateNewAsync(target, Sample(kind) with { Subject = "unchanged" });
        var toUpdate = await CreateNewAsync(target, Sample(kind) with { Subject = "to update" });
        var toDelete = await CreateNewAsync(target, Sample(kind) with { Subject = "to delete" });
        var first = await target.GetChangesAsync(kind, null, Window, CancellationToken.None);

        var created = await CreateNewAsync(target, Sample(kind) with { Subject = "created" });
        var updated = await target.UpdateAsync(kind, toUpdate, Sample(kind) with { Subject = "updated" }, CancellationToken.None);
        await target.DeleteAsync(kind, toDelete, CancellationToken.None);

        var cursor = first.NextCursor ?? new SyncCursor("not-a-cursor");
        var delta = await target.GetChangesAsync(kind, cursor, Window, CancellationToken.None);

        if (target.Capabilities.SupportsChangeCursor)
        {
            Assert.That(first.NextCursor, Is.Not.Null, "a target with a change cursor must hand one out");
            Assert.That(delta.IsFullListing, Is.False, "a fresh cursor must give a delta");
            Assert.That(delta.Items, Does.Contain(created));
            Assert.That(delta.Items, Does.Contain(updated));
            Assert.That(delta.DeletedIds, Does.Contain(toDelete.Id));
            Assert.That(delta.Items.Select(i => i.Id), Does.Not.Contain(toDelete.Id));
        }
        else
        {
            Assert.That(delta.IsFullListing, Is.True, "without a change cursor every listing is full");
            Assert.That(delta.Items, Is.EquivalentTo(new[] { unchanged, updated, created }));
            Assert.That(delta.DeletedIds, Is.Empty);
        }
    }

    /// <summary>A malformed object is reported per item with a problem; well-formed items are still read.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Malformed_object_is_reported_per_item([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var good = await CreateNewAsync(target, Sample(kind));
        if (!await TryPlantMalformedAsync(kind))
        {
            Assert.Ignore("This backend cannot hold a malformed object.");
        }

        var listing = await target.GetChangesAsync(kind, null, Window, CancellationToken.None);
        var fetched = await target.GetAsync(kind, listing.Items.Select(i => i.Id).ToList(), CancellationToken.None);

        Assert.That(fetched, Has.Count.EqualTo(2), "the good item and the planted one");
        var bad = fetched.Single(f => f.Item.Id != good.Id);
        Assert.That(bad.Problem, Is.Not.Null.And.Not.Empty, "the malformed object carries a problem");
        Assert.That(bad.Content, Is.Null);
        var ok = fetched.Single(f => f.Item.Id == good.Id);
        Assert.That(ok.Problem, Is.Null);
        Assert.That(ok.Content, Is.Not.Null);
    }

    /// <summary>GetAsync leaves out ids that do not exist instead of failing.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Get_leaves_out_unknown_ids([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var good = await CreateNewAsync(target, Sample(kind));
        var other = await CreateNewAsync(target, Sample(kind) with { Subject = "other" });
        await target.DeleteAsync(kind, other, CancellationToken.None);

        var fetched = await target.GetAsync(kind, [other.Id, good.Id], CancellationToken.None);

        Assert.That(fetched.Select(f => f.Item.Id), Is.EqualTo(new[] { good.Id }));
    }

    /// <summary>The connection test passes against a working calendar and reports its steps (SPEC R-ACC-2).</summary>
    /// <returns>A task.</returns>
    [Test]
    [Category("R-ACC-2")]
    public async Task Connection_test_passes()
    {
        await using var target = await CreateTargetAsync();

        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Steps, Is.Not.Empty);
        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Steps.Select(s => $"{s.Name}: {s.Outcome} {s.Message}")));
        Assert.That(report.AuthenticationFailed, Is.False);
        Assert.That(report.Steps.Select(s => s.Message), Has.All.Not.Empty, "each step says what happened");
    }
}
