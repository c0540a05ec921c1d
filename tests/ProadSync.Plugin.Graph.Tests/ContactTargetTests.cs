using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

public sealed class ContactTargetTests
{
    private GraphTestContext _ctx = null!;

    private static readonly ContactData Full = new()
    {
        FirstName = "Erika",
        LastName = "Mustermann",
        Function = "Buyer",
        Company = "Contoso GmbH",
        Street = "Hauptstr. 1",
        Postcode = "10115",
        City = "Berlin",
        Country = "Germany",
        Phone1 = "+49 30 1",
        Phone2 = "+49 30 2",
        Mobile = "+49 170 3",
        Fax = "+49 30 4",
        Email1 = "erika@contoso.example",
        Email2 = "e.m@contoso.example",
        Website = "https://contoso.example",
        SourceTag = "proad:contact:1",
    };

    [SetUp]
    public async Task SetUpAsync() => _ctx = await GraphTestContext.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _ctx.DisposeAsync();

    [Test]
    [Category("R-CON-2")]
    public async Task All_exported_fields_round_trip_with_fax_in_the_extended_property()
    {
        await using var target = await _ctx.ContactsAsync();
        var created = await target.CreateAsync("db1:c1", Full, CancellationToken.None);

        var stored = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Contacts).Single();
        var props = stored["singleValueExtendedProperties"]!.AsArray();
        Assert.That(props.Select(p => (p!["id"]!.GetValue<string>(), p["value"]!.GetValue<string>())), Is.EquivalentTo(new[]
        {
            ("String 0x3A24", "+49 30 4"),
            ("String {00020329-0000-0000-C000-000000000046} Name ProadSyncTag", "proad:contact:1"),
            ("String {00020329-0000-0000-C000-000000000046} Name ProadSyncId", "db1:c1"),
        }));

        var fetched = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content, Is.EqualTo(Full));
    }

    [Test]
    public async Task Create_with_a_known_identity_adopts_and_update_clears_emptied_fields()
    {
        await using var target = await _ctx.ContactsAsync();
        var created = await target.CreateAsync("db1:c2", Full, CancellationToken.None);
        var adopted = await target.CreateAsync("db1:c2", Full, CancellationToken.None);
        Assert.That(adopted.Adopted, Is.True);
        Assert.That(adopted.Item, Is.EqualTo(created.Item));

        var reduced = Full with { Function = null, Phone2 = null, Fax = null, Email2 = null, Mobile = null };
        var updated = await target.UpdateAsync(created.Item, reduced, CancellationToken.None);
        Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));

        var fetched = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content, Is.EqualTo(reduced));
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(created.Item, Full, CancellationToken.None));
    }

    [Test]
    [Category("R-CON-5")]
    public async Task List_pages_through_all_contacts_and_a_contact_deleted_in_Outlook_is_absent()
    {
        await using var target = await _ctx.ContactsAsync(_ctx.Settings(pageSize: 2));
        var refs = new List<ExternalItemRef>();
        for (var i = 0; i < 5; i++)
        {
            refs.Add((await target.CreateAsync($"db1:l{i}", Full with { LastName = $"L{i}" }, CancellationToken.None)).Item);
        }

        Assert.That(await target.ListAsync(CancellationToken.None), Is.EquivalentTo(refs));

        _ctx.Fake.Delete(GraphTestContext.Mailbox, FakeCollection.Contacts, refs[3].Id);
        var after = await target.ListAsync(CancellationToken.None);
        Assert.That(after, Is.EquivalentTo(refs.Where(r => r != refs[3])));
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(refs[3], Full, CancellationToken.None));
        Assert.That(await target.GetAsync([refs[3].Id], CancellationToken.None), Is.Empty);
    }
}
