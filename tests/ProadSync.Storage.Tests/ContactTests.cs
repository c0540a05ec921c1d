using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class ContactTests : StoreTestBase
{
    private static readonly ContactData Full = new()
    {
        FirstName = "Zoë",
        LastName = "Müller-Łukasiewicz",
        Function = "Geschäftsführerin",
        Company = "Acme GmbH & Co. KG",
        Street = "Hauptstraße 1",
        Postcode = "50667",
        City = "Köln",
        Country = "Deutschland",
        Phone1 = "+49 221 1",
        Phone2 = "+49 221 2",
        Mobile = "+49 170 3",
        Fax = "+49 221 4",
        Email1 = "zoe@example.org",
        Email2 = "z@example.org",
        Website = "https://example.org/ü",
        SourceTag = "proad-contact:1",
    };

    [Test, Category("R-CON-2")]
    public async Task R_CON_2_contact_round_trips_every_field()
    {
        var added = await Store.AddContactAsync(Full, active: true, Ct);
        var read = await Store.GetContactAsync(added.Id, Ct);

        Assert.That(read, Is.EqualTo(added));
        Assert.That(read!.Data, Is.EqualTo(Full));
        Assert.That(read.Active, Is.True);
        Assert.That(read.Revision, Is.EqualTo(1));
        Assert.That(read.ModifiedAt, Is.EqualTo(T0));
    }

    [Test]
    public async Task Contact_with_only_nulls_round_trips()
    {
        var added = await Store.AddContactAsync(new ContactData(), active: false, Ct);
        Assert.That((await Store.GetContactAsync(added.Id, Ct))!.Data, Is.EqualTo(new ContactData()));
    }

    [Test]
    public async Task Update_grows_the_revision_and_delete_removes()
    {
        var added = await Store.AddContactAsync(Full, true, Ct);
        Clock.Advance(TimeSpan.FromHours(1));

        var changed = await Store.UpdateContactAsync(added.Id, Full with { City = "Bonn", Email2 = null }, active: false, Ct);

        Assert.That(changed.Revision, Is.EqualTo(2));
        Assert.That(changed.Data, Is.EqualTo(Full with { City = "Bonn", Email2 = null }));
        Assert.That(changed.Active, Is.False);
        Assert.That(changed.ModifiedAt, Is.EqualTo(T0.AddHours(1)));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.UpdateContactAsync(999, Full, true, Ct));
        Assert.That(await Store.DeleteContactAsync(added.Id, Ct), Is.True);
        Assert.That(await Store.DeleteContactAsync(added.Id, Ct), Is.False);
        Assert.That(await Store.GetContactAsync(added.Id, Ct), Is.Null);
    }

    [Test, Category("R-CON-3")]
    public async Task R_CON_3_listing_can_keep_to_active_contacts()
    {
        var active = await Store.AddContactAsync(Full, true, Ct);
        var inactive = await Store.AddContactAsync(Full with { LastName = "Alt" }, false, Ct);

        Assert.That((await Store.ListContactsAsync(activeOnly: true, Ct)).Select(c => c.Id), Is.EqualTo(new[] { active.Id }));
        Assert.That((await Store.ListContactsAsync(activeOnly: false, Ct)).Select(c => c.Id), Is.EqualTo(new[] { active.Id, inactive.Id }));
    }
}
