using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.ConnectorTestKit;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>The contact target (SPEC section 8) against the in-process fake EWS server.</summary>
public sealed class ExchangeContactTargetTests : FakeEwsTestBase
{
    private static ContactData Contact(string last = "Plate") => new()
    {
        FirstName = "Tanja",
        LastName = last,
        Function = "Manager",
        Company = "Blue Yonder Airlines",
        Street = "1234 56th Ave",
        Postcode = "90631",
        City = "La Habra",
        Country = "USA",
        Phone1 = "4255550199",
        Phone2 = "4255550198",
        Mobile = "4255550100",
        Fax = "4255550101",
        Email1 = "tplate@example.com",
        Email2 = "tanja@example.com",
        Website = "https://example.com",
        SourceTag = "proad:contact:1",
    };

    [Test]
    [Category("R-CON-2")]
    public async Task All_exported_fields_round_trip()
    {
        var target = await ContactsAsync();
        var created = await target.CreateAsync("db1:contact:1", Contact(), CancellationToken.None);
        var fetched = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Problem, Is.Null);
        Assert.That(fetched.Content, Is.EqualTo(Contact()));
        var stored = Mailbox.Find(created.Item.Id)!;
        Assert.That(stored.GetValue("FileAs"), Is.EqualTo("Plate, Tanja"));
        Assert.That(stored.GetValue("DisplayName"), Is.EqualTo("Tanja Plate"));
    }

    [Test]
    [Description("Issue 4: the no-change fast path of an account that exports contacts")]
    public async Task The_contacts_folder_version_holds_while_nothing_changes_and_moves_with_every_change()
    {
        var state = new MemoryStateStore();
        var target = await ContactsAsync(state: state);
        var created = await target.CreateAsync("db1:contact:7", Contact(), CancellationToken.None);

        var first = await target.GetVersionAsync(CancellationToken.None);
        var before = Mailbox.Requests.Count;
        var again = await target.GetVersionAsync(CancellationToken.None);
        var requests = Mailbox.Requests.Count - before;
        var updated = await target.UpdateAsync(created.Item, Contact("Plate-Miller"), CancellationToken.None);
        var afterUpdate = await target.GetVersionAsync(CancellationToken.None);
        Assert.That(Mailbox.Delete(updated.Id), Is.True);
        var afterDelete = await target.GetVersionAsync(CancellationToken.None);
        var nextRun = await (await ContactsAsync(state: state)).GetVersionAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("ews:"));
            Assert.That(again, Is.EqualTo(first), "nothing changed");
            Assert.That(requests, Is.EqualTo(1), "one SyncFolderItems from the kept state");
            Assert.That(afterUpdate, Is.Not.EqualTo(first), "an update moves the version");
            Assert.That(afterDelete, Is.Not.EqualTo(afterUpdate), "a delete in another client moves the version");
            Assert.That(nextRun, Is.EqualTo(afterDelete), "the next run's target continues from the kept state");
        });
    }

    [Test]
    public async Task A_contacts_folder_version_survives_a_sync_state_the_server_no_longer_accepts()
    {
        var state = new MemoryStateStore();
        var target = await ContactsAsync(state: state);
        await target.CreateAsync("db1:contact:8", Contact(), CancellationToken.None);
        await target.GetVersionAsync(CancellationToken.None);
        state.Values["exchange.contacts.syncState"] = "not-a-sync-state";

        var version = await target.GetVersionAsync(CancellationToken.None);

        Assert.That(version, Does.StartWith("ews:"), "started over from the beginning");
        Assert.That(state.Values["exchange.contacts.syncState"], Is.Not.EqualTo("not-a-sync-state"));
    }

    [Test]
    public async Task Without_a_state_store_the_contacts_folder_cannot_tell_its_version()
    {
        var target = await ContactsAsync();

        Assert.That(await target.GetVersionAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    [Category("R-CON-4")]
    public async Task Update_changes_fields_and_removes_cleared_ones()
    {
        var target = await ContactsAsync();
        var created = await target.CreateAsync("db1:contact:2", Contact(), CancellationToken.None);
        var changed = Contact("Plate-Miller") with { Phone2 = null, Street = null, Email1 = "new@example.com" };
        var updated = await target.UpdateAsync(created.Item, changed, CancellationToken.None);
        Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));
        var fetched = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content, Is.EqualTo(changed));
        Assert.That(fetched.Item.Version, Is.EqualTo(updated.Version));
    }

    [Test]
    public async Task Update_with_a_stale_version_conflicts()
    {
        var target = await ContactsAsync();
        var created = await target.CreateAsync("db1:contact:3", Contact(), CancellationToken.None);
        Mailbox.SetValue(created.Item.Id, "JobTitle", "Changed in Outlook");
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(created.Item, Contact(), CancellationToken.None));
    }

    [Test]
    public async Task List_pages_through_the_folder()
    {
        var target = await ContactsAsync(new() { ["findPageSize"] = "2" });
        var ids = new List<ExternalItemRef>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await target.CreateAsync($"db1:contact:1{i}", Contact($"Last{i}"), CancellationToken.None)).Item);
        }

        int Pages() => Mailbox.Requests.Count(r => r.Contains("<m:FindItem", StringComparison.Ordinal) && !r.Contains("Restriction", StringComparison.Ordinal));
        var before = Pages();
        var listed = await target.ListAsync(CancellationToken.None);
        Assert.That(listed, Is.EquivalentTo(ids));
        Assert.That(Pages() - before, Is.EqualTo(3), "5 contacts in pages of 2");
    }

    [Test]
    [Category("R-CON-5")]
    public async Task A_contact_deleted_outside_is_missing_from_the_listing_and_cannot_be_updated()
    {
        var target = await ContactsAsync();
        var keep = await target.CreateAsync("db1:contact:20", Contact(), CancellationToken.None);
        var gone = await target.CreateAsync("db1:contact:21", Contact("Gone"), CancellationToken.None);
        Mailbox.Delete(gone.Item.Id);
        var listed = await target.ListAsync(CancellationToken.None);
        Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { keep.Item.Id }));
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(gone.Item, Contact(), CancellationToken.None));
        Assert.That(await target.GetAsync([gone.Item.Id], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Creating_an_identity_twice_adopts_the_existing_contact()
    {
        var target = await ContactsAsync();
        var first = await target.CreateAsync("db1:contact:30", Contact(), CancellationToken.None);
        var second = await target.CreateAsync("db1:contact:30", Contact("Other"), CancellationToken.None);
        Assert.That(second.Adopted, Is.True);
        Assert.That(second.Item, Is.EqualTo(first.Item));
        Assert.That(Mailbox.ItemIds("contacts"), Has.Count.EqualTo(1));
    }

    [Test]
    [Category("R-CON-2")]
    public async Task A_contact_with_only_a_company_gets_a_file_as_name()
    {
        var target = await ContactsAsync();
        var created = await target.CreateAsync("db1:contact:40", new ContactData { Company = "ACME" }, CancellationToken.None);
        Assert.That(Mailbox.Find(created.Item.Id)!.GetValue("FileAs"), Is.EqualTo("ACME"));
        var fetched = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(fetched.Company, Is.EqualTo("ACME"));
        Assert.That(fetched.FirstName, Is.Null);
    }
}
