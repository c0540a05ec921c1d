using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>Contacts export (SPEC section 8, D-7) in every mode; every scenario runs twice.</summary>
[TestFixture]
public sealed class ContactExportTests
{
    private static ContactData Person(string last) => new()
    {
        FirstName = "Eva",
        LastName = last,
        Function = "Buyer",
        Company = "ACME",
        Street = "Main St 1",
        Postcode = "10115",
        City = "Berlin",
        Country = "DE",
        Phone1 = "+49 30 1",
        Phone2 = "+49 30 2",
        Mobile = "+49 170 1",
        Fax = "+49 30 9",
        Email1 = "eva@example.org",
        Email2 = "e@example.org",
        Website = "https://example.org",
    };

    private static async Task<SyncHarness> CreateAsync(SyncMode mode, bool exportContacts = true) =>
        await SyncHarness.CreateAsync(mode, exportContacts: exportContacts);

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-CON-1")]
    [Category("R-CON-2")]
    [Category("R-CON-3")]
    [Category("R-CON-7")]
    public async Task ActiveContactsAreExported_InactiveOnesNot(SyncMode mode)
    {
        var h = await CreateAsync(mode);
        var active = await h.Leading.AddContactAsync(Person("Active"), active: true, CancellationToken.None);
        await h.Leading.AddContactAsync(Person("Inactive"), active: false, CancellationToken.None);

        var report = await h.RunTwiceAsync();

        var stored = h.Contacts.Items().Single();
        Assert.Multiple(() =>
        {
            Assert.That(report.ContactsCreated, Is.EqualTo(1));
            Assert.That(stored.Identity, Is.EqualTo($"proadsync-demo-c{active.Id}"));
            Assert.That(stored.Data with { SourceTag = null }, Is.EqualTo(Person("Active")), "every field of R-CON-2");
            Assert.That(stored.Data.SourceTag, Is.EqualTo($"Demo:c{active.Id}"));
        });
    }

    [Test]
    [Category("R-CON-1")]
    public async Task ExportContactsOff_ExportsNothing()
    {
        var h = await CreateAsync(SyncMode.TwoWay, exportContacts: false);
        await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);

        await h.RunTwiceAsync();

        Assert.That(h.Contacts.Items(), Is.Empty);
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-CON-4")]
    public async Task LeadingChangesGoOut_ExternalEditsNeverComeBack(SyncMode mode)
    {
        var h = await CreateAsync(mode);
        var contact = await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);
        await h.RunTwiceAsync();
        var id = h.Contacts.Items().Single().Id;
        h.Contacts.EditExternally(id, d => d with { City = "Hamburg" });

        var quiet = await h.RunTwiceAsync();
        Assert.Multiple(() =>
        {
            Assert.That(quiet.ContactsUpdated, Is.Zero);
            Assert.That(h.Leading.GetContactAsync(contact.Id, CancellationToken.None).Result!.Data.City, Is.EqualTo("Berlin"), "never taken back");
        });

        await h.Leading.UpdateContactAsync(contact.Id, Person("A") with { Mobile = "+49 171 2" }, active: true, CancellationToken.None);
        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.ContactsUpdated, Is.EqualTo(1));
            Assert.That(h.Contacts.Items().Single().Data.Mobile, Is.EqualTo("+49 171 2"));
            Assert.That(h.Contacts.Items().Single().Data.City, Is.EqualTo("Berlin"), "the leading version is written over the external edit");
        });
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-CON-5")]
    public async Task DeletedExternally_IsTakenOutOfTheExport_NotRecreated(SyncMode mode)
    {
        var h = await CreateAsync(mode);
        var contact = await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);
        await h.Leading.AddContactAsync(Person("B"), active: true, CancellationToken.None);
        await h.RunTwiceAsync();
        h.Contacts.DeleteExternally(h.Contacts.Items()[0].Id);

        var report = await h.RunTwiceAsync();
        await h.Leading.UpdateContactAsync(contact.Id, Person("A") with { City = "Munich" }, active: true, CancellationToken.None);
        var later = await h.RunTwiceAsync();

        var link = h.Leading.AllLinks().Single(l => l.Kind == LinkKind.Contact && l.LeadingId == contact.Id);
        Assert.Multiple(() =>
        {
            Assert.That(report.LinksDeactivated, Is.EqualTo(1));
            Assert.That(link.Active, Is.False);
            Assert.That(link.InactiveReason, Is.EqualTo("externally deleted"));
            Assert.That(h.Contacts.Items(), Has.Count.EqualTo(1), "not re-created");
            Assert.That(later.ContactsCreated + later.ContactsUpdated, Is.Zero);
            Assert.That(h.Leading.GetContactAsync(contact.Id, CancellationToken.None).Result, Is.Not.Null, "not deleted in the leading system");
        });
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-CON-6")]
    public async Task DeletedInTheLeadingSystem_StaysExternally(SyncMode mode)
    {
        var h = await CreateAsync(mode);
        var contact = await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);
        await h.RunTwiceAsync();
        await h.Leading.DeleteContactAsync(contact.Id, CancellationToken.None);

        await h.RunTwiceAsync();

        Assert.That(h.Contacts.Items(), Has.Count.EqualTo(1));
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("D-7")]
    public async Task SwitchedInactive_IsNoLongerUpdated_NorRemoved(SyncMode mode)
    {
        var h = await CreateAsync(mode);
        var contact = await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);
        await h.RunTwiceAsync();
        await h.Leading.UpdateContactAsync(contact.Id, Person("A") with { City = "Cologne" }, active: false, CancellationToken.None);

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.ContactsUpdated, Is.Zero);
            Assert.That(h.Contacts.Items().Single().Data.City, Is.EqualTo("Berlin"));
        });
    }

    [Test]
    public async Task CrashAfterContactCreate_NextRunAdopts()
    {
        var h = await CreateAsync(SyncMode.OneWay);
        await h.Leading.AddContactAsync(Person("A"), active: true, CancellationToken.None);
        h.Contacts.Faults.FailNth(TargetOperation.Create, 1, () => new TimeoutException("lost response"), afterEffect: true);

        await h.RunAsync();
        await h.RunTwiceAsync();

        Assert.That(h.Contacts.Items(), Has.Count.EqualTo(1));
        Assert.That(h.Leading.AllLinks().Count(l => l.Kind == LinkKind.Contact), Is.EqualTo(1));
    }
}
