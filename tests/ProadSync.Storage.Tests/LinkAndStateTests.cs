using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class LinkAndStateTests : StoreTestBase
{
    [Test]
    public async Task Link_round_trips_every_field_and_is_replaced_by_its_key()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var link = new SyncLink
        {
            AccountId = account.Id,
            Kind = LinkKind.Contact,
            LeadingId = 12,
            Identity = "proad-c-12",
            ExternalId = "/card/zoë.vcf",
            ExternalVersion = "W/\"1\"",
            LeadingRevision = 4,
            ExternalHash = "sha256:abc",
            Active = false,
            InactiveReason = "deleted externally",
            UpdatedAt = DateTimeOffset.MinValue,
        };

        await Store.SaveLinkAsync(link, Ct);
        var read = (await Store.ListLinksAsync(account.Id, LinkKind.Contact, Ct)).Single();
        Assert.That(read, Is.EqualTo(link with { UpdatedAt = T0 }), "the store stamps the time from its clock");

        Clock.Advance(TimeSpan.FromSeconds(30));
        await Store.SaveLinkAsync(link with { ExternalVersion = "W/\"2\"", ExternalHash = null, Active = true, InactiveReason = null, LeadingRevision = 5 }, Ct);
        var replaced = (await Store.ListLinksOfItemAsync(LinkKind.Contact, 12, Ct)).Single();
        Assert.That(replaced, Is.EqualTo(link with { ExternalVersion = "W/\"2\"", ExternalHash = null, Active = true, InactiveReason = null, LeadingRevision = 5, UpdatedAt = T0.AddSeconds(30) }));
    }

    [Test]
    public async Task Links_are_listed_per_account_and_kind_and_per_item()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var a = await AccountAsync(anna, "https://127.0.0.1/a/");
        var b = await AccountAsync(bob, "https://127.0.0.1/b/");
        await Store.SaveLinkAsync(Link(a.Id, LinkKind.Appointment, 1, "/a/1"), Ct);
        await Store.SaveLinkAsync(Link(a.Id, LinkKind.Appointment, 2, "/a/2"), Ct);
        await Store.SaveLinkAsync(Link(a.Id, LinkKind.Task, 1, "/a/t1"), Ct);
        await Store.SaveLinkAsync(Link(b.Id, LinkKind.Appointment, 1, "/b/1"), Ct);

        Assert.That((await Store.ListLinksAsync(a.Id, LinkKind.Appointment, Ct)).Select(l => l.ExternalId), Is.EqualTo(new[] { "/a/1", "/a/2" }));
        Assert.That((await Store.ListLinksAsync(a.Id, LinkKind.Task, Ct)).Select(l => l.ExternalId), Is.EqualTo(new[] { "/a/t1" }));
        Assert.That((await Store.ListLinksOfItemAsync(LinkKind.Appointment, 1, Ct)).Select(l => l.ExternalId), Is.EqualTo(new[] { "/a/1", "/b/1" }));

        await Store.DeleteLinkAsync(a.Id, LinkKind.Appointment, 1, Ct);
        Assert.That((await Store.ListLinksOfItemAsync(LinkKind.Appointment, 1, Ct)).Select(l => l.ExternalId), Is.EqualTo(new[] { "/b/1" }));
    }

    [Test]
    public async Task One_external_item_cannot_be_linked_to_two_leading_items_of_an_account()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, 1, "/same.ics"), Ct);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, 2, "/same.ics"), Ct));

        Assert.That(ex!.Message, Does.Contain("already linked"));
        Assert.That(await Store.ListLinksAsync(account.Id, LinkKind.Appointment, Ct), Has.Count.EqualTo(1));
    }

    [Test]
    public void Link_of_an_unknown_account_or_with_bad_values_is_refused()
    {
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveLinkAsync(Link(123, LinkKind.Appointment, 1, "/x"), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveLinkAsync(Link(123, (LinkKind)8, 1, "/x"), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveLinkAsync(Link(123, LinkKind.Task, 1, string.Empty), Ct));
    }

    [Test]
    public async Task State_is_kept_per_account_replaced_and_removed_with_null()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var a = await AccountAsync(anna, "https://127.0.0.1/a/");
        var b = await AccountAsync(bob, "https://127.0.0.1/b/");

        await Store.SetStateAsync(a.Id, "caldav:sync-token", "http://127.0.0.1/sync/1", Ct);
        await Store.SetStateAsync(b.Id, "caldav:sync-token", "other", Ct);
        await Store.SetStateAsync(a.Id, "caldav:sync-token", "http://127.0.0.1/sync/2", Ct);
        Assert.That(await Store.GetStateAsync(a.Id, "caldav:sync-token", Ct), Is.EqualTo("http://127.0.0.1/sync/2"));
        Assert.That(await Store.GetStateAsync(b.Id, "caldav:sync-token", Ct), Is.EqualTo("other"));

        await Store.SetStateAsync(a.Id, "caldav:sync-token", null, Ct);
        Assert.That(await Store.GetStateAsync(a.Id, "caldav:sync-token", Ct), Is.Null);
        Assert.That(await Store.GetStateAsync(a.Id, "never-set", Ct), Is.Null);
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SetStateAsync(999, "k", "v", Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SetStateAsync(a.Id, string.Empty, "v", Ct));
    }
}
