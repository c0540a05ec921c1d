using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;

namespace ProadSync.ConnectorTestKit;

/// <content>Create, adopt, guarded update and delete.</content>
public abstract partial class CalendarTargetContractTests
{
    /// <summary>A create with an identity that already exists returns that item unchanged (no duplicate).</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    [Category("Adoption")]
    public async Task Create_with_existing_identity_adopts_without_duplicate([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var identity = NewIdentity();
        var original = Sample(kind);
        var first = await target.CreateAsync(kind, identity, original, CancellationToken.None);
        Assert.That(first.Adopted, Is.False);

        var second = await target.CreateAsync(kind, identity, original with { Subject = "changed" }, CancellationToken.None);

        Assert.That(second.Adopted, Is.True, "the second create must adopt the existing item");
        Assert.That(second.Item.Id, Is.EqualTo(first.Item.Id));
        Assert.That(second.Item.Version, Is.EqualTo(first.Item.Version), "an adopted item is not changed");
        var listing = await target.GetChangesAsync(kind, null, Window, CancellationToken.None);
        Assert.That(listing.Items.Count(i => i.Id == first.Item.Id), Is.EqualTo(1));
        Assert.That(listing.Items, Has.Count.EqualTo(1), "no duplicate may appear");
        var read = await GetOneAsync(target, kind, first.Item.Id);
        Assert.That(read.Content!.Subject, Is.EqualTo(original.Subject), "adoption leaves the content as it was");
    }

    /// <summary>An update with the current version replaces the content and yields a new version.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Update_with_current_version_replaces_content([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind));
        var changed = Sample(kind) with
        {
            Subject = "Moved",
            Start = Sample(kind).Start!.Value.AddDays(1),
            End = Sample(kind).End!.Value.AddDays(1),
            Location = "Elsewhere",
            Status = TodoStatus.Done,
        };

        var updated = await target.UpdateAsync(kind, created, changed, CancellationToken.None);

        Assert.That(updated.Id, Is.EqualTo(created.Id), "an update keeps the item's id");
        Assert.That(updated.Version, Is.Not.EqualTo(created.Version), "a changed item gets a new version");
        var read = await GetOneAsync(target, kind, created.Id);
        Assert.That(read.Item.Version, Is.EqualTo(updated.Version));
        AssertSameContent(ExpectedAfterRoundTrip(changed), read.Content!, target.Capabilities);
    }

    /// <summary>An update with a stale version fails with a conflict and leaves the item as it is.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    [Category("R-GEN-1")]
    public async Task Update_with_stale_version_conflicts_and_changes_nothing([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind));
        var current = Sample(kind) with { Subject = "second" };
        var updated = await target.UpdateAsync(kind, created, current, CancellationToken.None);

        Assert.ThrowsAsync<VersionConflictException>(
            () => target.UpdateAsync(kind, created, Sample(kind) with { Subject = "stale writer" }, CancellationToken.None));

        var read = await GetOneAsync(target, kind, created.Id);
        Assert.That(read.Item.Version, Is.EqualTo(updated.Version));
        Assert.That(read.Content!.Subject, Is.EqualTo("second"));
    }

    /// <summary>An update of an item that is gone fails with "not found".</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Update_of_missing_item_is_not_found([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind));
        await target.DeleteAsync(kind, created, CancellationToken.None);

        Assert.ThrowsAsync<ItemNotFoundException>(
            () => target.UpdateAsync(kind, created, Sample(kind), CancellationToken.None));
    }

    /// <summary>A delete removes the item from reads and listings.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Delete_removes_the_item([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var keep = await CreateNewAsync(target, Sample(kind) with { Subject = "keep" });
        var gone = await CreateNewAsync(target, Sample(kind) with { Subject = "gone" });

        await target.DeleteAsync(kind, gone, CancellationToken.None);

        var fetched = await target.GetAsync(kind, [gone.Id, keep.Id], CancellationToken.None);
        Assert.That(fetched.Select(f => f.Item.Id), Is.EqualTo(new[] { keep.Id }), "a vanished id is left out of GetAsync");
        var listing = await target.GetChangesAsync(kind, null, Window, CancellationToken.None);
        Assert.That(listing.Items.Select(i => i.Id), Does.Not.Contain(gone.Id));
        Assert.That(listing.Items.Select(i => i.Id), Does.Contain(keep.Id));
    }

    /// <summary>A delete of an item that is gone fails with "not found" (the host treats it as done).</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Delete_of_missing_item_is_not_found([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind));
        await target.DeleteAsync(kind, created, CancellationToken.None);

        Assert.ThrowsAsync<ItemNotFoundException>(() => target.DeleteAsync(kind, created, CancellationToken.None));
    }

    /// <summary>A delete with a stale version fails with a conflict and the item stays.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <returns>A task.</returns>
    [Test]
    [Category("Contract")]
    public async Task Delete_with_stale_version_conflicts_and_keeps_the_item([Values] TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var created = await CreateNewAsync(target, Sample(kind));
        var updated = await target.UpdateAsync(kind, created, Sample(kind) with { Subject = "newer" }, CancellationToken.None);

        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(kind, created, CancellationToken.None));

        var read = await GetOneAsync(target, kind, created.Id);
        Assert.That(read.Item.Version, Is.EqualTo(updated.Version));
    }
}
