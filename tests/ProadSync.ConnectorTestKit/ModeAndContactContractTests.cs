using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;

namespace ProadSync.ConnectorTestKit;

/// <summary>
/// <see cref="ModeContractTests"/> plus contacts export (SPEC §8) for backends that have an address book.
/// </summary>
public abstract class ModeAndContactContractTests : ModeContractTests
{
    /// <summary>A fresh, empty address book for each test.</summary>
    /// <returns>The contact target.</returns>
    protected abstract override Task<IContactTarget?> CreateContactTargetAsync();

    /// <summary>Contacts: active ones go out once and follow leading changes; inactive ones never go out.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-CON-1"), Category("R-CON-2"), Category("R-CON-3"), Category("R-CON-4")]
    public async Task Contacts_export_active_contacts_and_their_changes()
    {
        var s = await SetUpAsync(SyncMode.OneWay, contacts: true);
        Assert.That(s.Contacts, Is.Not.Null, "CreateContactTargetAsync must return an address book");
        var active = await s.Store.AddContactAsync(new ContactData { FirstName = "Jana", LastName = "Müller", Company = "Müller GmbH", Email1 = "jana@example.com", Phone1 = "+49 40 1", City = "Hamburg" }, active: true, CancellationToken.None);
        await s.Store.AddContactAsync(new ContactData { FirstName = "Ina", LastName = "Aktiv-Nicht" }, active: false, CancellationToken.None);
        Assert.That((await RunAsync(s)).ContactsCreated, Is.EqualTo(1));
        await s.Store.UpdateContactAsync(active.Id, active.Data with { Function = "Head of Marketing" }, active: true, CancellationToken.None);
        Assert.That((await RunAsync(s)).ContactsUpdated, Is.EqualTo(1));
        var listed = await s.Contacts!.ListAsync(CancellationToken.None);
        var read = await s.Contacts.GetAsync(listed.Select(l => l.Id).ToList(), CancellationToken.None);
        Assert.That(read.Single().Content!.Function, Is.EqualTo("Head of Marketing"));
        await AssertQuietAsync(s);
    }

    /// <summary>An external delete takes a contact out of the export; leading deletes and deactivations never remove externally.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-CON-5"), Category("R-CON-6"), Category("D-7")]
    public async Task Contacts_deleted_outside_stay_deleted_and_leading_deletes_never_remove_externally()
    {
        var s = await SetUpAsync(SyncMode.TwoWay, contacts: true);
        Assert.That(s.Contacts, Is.Not.Null, "CreateContactTargetAsync must return an address book");
        var gone = await s.Store.AddContactAsync(new ContactData { FirstName = "Deleted", LastName = "Outside" }, active: true, CancellationToken.None);
        var removed = await s.Store.AddContactAsync(new ContactData { FirstName = "Deleted", LastName = "Inside" }, active: true, CancellationToken.None);
        var inactive = await s.Store.AddContactAsync(new ContactData { FirstName = "Switched", LastName = "Off" }, active: true, CancellationToken.None);
        Assert.That((await RunAsync(s)).ContactsCreated, Is.EqualTo(3));

        var listed = await s.Contacts!.ListAsync(CancellationToken.None);
        var read = await s.Contacts.GetAsync(listed.Select(l => l.Id).ToList(), CancellationToken.None);
        var outside = read.Single(r => r.Content!.LastName == "Outside");
        await DeleteContactExternallyAsync(s.Contacts, outside.Item);
        await s.Store.UpdateContactAsync(gone.Id, gone.Data with { City = "Changed after the external delete" }, active: true, CancellationToken.None);
        await s.Store.DeleteContactAsync(removed.Id, CancellationToken.None);
        await s.Store.UpdateContactAsync(inactive.Id, inactive.Data with { City = "Not sent" }, active: false, CancellationToken.None);

        var run = await RunAsync(s);
        Assert.Multiple(() =>
        {
            Assert.That(run.ContactsCreated, Is.EqualTo(0), "an externally deleted contact is not re-created (R-CON-5)");
            Assert.That(run.ContactsUpdated, Is.EqualTo(0), "an inactive contact is no longer updated (D-7)");
        });
        var after = await s.Contacts.GetAsync((await s.Contacts.ListAsync(CancellationToken.None)).Select(l => l.Id).ToList(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(after.Select(a => a.Content!.LastName), Is.EquivalentTo(new[] { "Inside", "Off" }), "leading deletes and deactivations never remove externally (R-CON-6, D-7)");
            Assert.That(after.Single(a => a.Content!.LastName == "Off").Content!.City, Is.Null.Or.Empty);
        });
        Assert.That(await s.Store.GetContactAsync(gone.Id, CancellationToken.None), Is.Not.Null, "nothing is deleted in the leading system (R-CON-5)");
        await AssertQuietAsync(s);
    }

    /// <summary>
    /// Whether the contact target tells its address book's version (<see cref="IContactTarget.GetVersionAsync"/>), so
    /// a run with nothing changed skips the listing; otherwise every run lists the address book.
    /// </summary>
    protected virtual bool TellsAddressBookVersion => false;

    /// <summary>
    /// A contact deleted outside while nothing else changed is seen by the next run; with a known address book
    /// version the quiet runs before it took the no-change fast path.
    /// </summary>
    /// <returns>A task.</returns>
    [Test, Category("R-CON-5")]
    public async Task A_contact_deleted_outside_while_nothing_else_changed_is_seen_by_the_next_run()
    {
        var s = await SetUpAsync(SyncMode.TwoWay, contacts: true);
        Assert.That(s.Contacts, Is.Not.Null, "CreateContactTargetAsync must return an address book");
        await s.Store.AddContactAsync(new ContactData { FirstName = "Stays", LastName = "Here" }, active: true, CancellationToken.None);
        var goes = await s.Store.AddContactAsync(new ContactData { FirstName = "Deleted", LastName = "Quietly" }, active: true, CancellationToken.None);
        Assert.That((await RunAsync(s)).ContactsCreated, Is.EqualTo(2));
        var quiet = await RunUntilQuietAsync(s);
        var version = await s.Contacts!.GetVersionAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(version is not null, Is.EqualTo(TellsAddressBookVersion), "the address book's version: " + (version ?? "none"));
            Assert.That(quiet.NoChangeFastPath, Is.EqualTo(TellsAddressBookVersion), quiet.ToSummary());
        });

        var link = (await s.Store.ListLinksAsync(s.Account.Id, LinkKind.Contact, CancellationToken.None)).Single(l => l.LeadingId == goes.Id);
        await DeleteContactExternallyAsync(s.Contacts, new ExternalItemRef(link.ExternalId, new ItemVersion(link.ExternalVersion)));
        if (TellsAddressBookVersion)
        {
            Assert.That(await s.Contacts.GetVersionAsync(CancellationToken.None), Is.Not.EqualTo(version), "an external delete moves the version");
        }

        var run = await RunAsync(s);
        var after = await s.Contacts.GetAsync((await s.Contacts.ListAsync(CancellationToken.None)).Select(l => l.Id).ToList(), CancellationToken.None);
        var relinked = (await s.Store.ListLinksAsync(s.Account.Id, LinkKind.Contact, CancellationToken.None)).Single(l => l.LeadingId == goes.Id);
        Assert.Multiple(() =>
        {
            Assert.That(run.NoChangeFastPath, Is.False, "the delete is seen");
            Assert.That(run.ContactsCreated, Is.Zero, "not re-created (R-CON-5)");
            Assert.That(relinked.Active, Is.False, "taken out of the export (R-CON-5)");
            Assert.That(after.Select(a => a.Content!.LastName), Is.EqualTo(new[] { "Here" }));
        });
        Assert.That((await RunUntilQuietAsync(s)).NoChangeFastPath, Is.EqualTo(TellsAddressBookVersion));
    }

    /// <summary>Runs until a run changes nothing (and, where the address book tells its version, takes the fast path); at most four runs.</summary>
    private async Task<RunReport> RunUntilQuietAsync(Setup s)
    {
        for (var i = 0; i < 4; i++)
        {
            var report = await RunAsync(s);
            if (report.Changes == 0 && (report.NoChangeFastPath || !TellsAddressBookVersion))
            {
                return report;
            }
        }

        Assert.Fail("no run was quiet within four runs");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Deletes a contact the way another client would (the contract has no delete for contacts).</summary>
    /// <param name="contacts">The address book.</param>
    /// <param name="item">The contact.</param>
    /// <returns>A task.</returns>
    protected abstract Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item);
}
