using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class AccountTests : StoreTestBase
{
    [Test, Category("R-ACC-1")]
    public async Task R_ACC_1_account_round_trips_every_field()
    {
        var user = await UserAsync();
        var account = new SyncAccount
        {
            UserId = user.Id,
            Enabled = true,
            PluginId = "caldav",
            ContactPluginId = "carddav",
            Profile = "baikal",
            Url = "https://127.0.0.1:5232/dav/anna/",
            UserName = "anna@example.org",
            ProtectedSecret = "CfDJ8-protected",
            Mode = SyncMode.Full,
            ExportContacts = true,
            Cutoff = new DateOnly(2025, 12, 1),
            ConsecutiveFailures = 3,
            LastError = "401 — Anmeldung fehlgeschlagen",
            LastRunAt = new DateTimeOffset(2026, 11, 27, 9, 55, 0, TimeSpan.FromHours(1)),
            BoundAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            DisabledReason = "5 failed attempts",
            Options = new Dictionary<string, string> { ["calendar"] = "work", ["ümlaut"] = "ja" },
        };

        var saved = await Store.SaveAccountAsync(account, Ct);
        var read = await Store.GetAccountAsync(saved.Id, Ct);
        var byUser = await Store.GetAccountByUserAsync(user.Id, Ct);

        Assert.That(saved.Id, Is.GreaterThan(0));
        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Options, Is.EquivalentTo(account.Options));
        Assert.That(read with { Options = account.Options }, Is.EqualTo(account with { Id = saved.Id }));
        Assert.That(byUser?.Id, Is.EqualTo(saved.Id));
        Assert.That(await Store.ListAccountsAsync(Ct), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Minimal_account_round_trips_with_nulls_and_replaces_on_save()
    {
        var user = await UserAsync();
        var saved = await Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "vdir" }, Ct);

        var read = (await Store.GetAccountAsync(saved.Id, Ct))!;
        Assert.That(read.Mode, Is.EqualTo(SyncMode.OneWay));
        Assert.That(read.Cutoff, Is.Null);
        Assert.That(read.Url, Is.Null);
        Assert.That(read.LastRunAt, Is.Null);
        Assert.That(read.Options, Is.Empty);

        var replaced = await Store.SaveAccountAsync(read with { Mode = SyncMode.Export, Enabled = true, Url = "/srv/cal" }, Ct);
        Assert.That(replaced.Id, Is.EqualTo(saved.Id));
        Assert.That(replaced.Mode, Is.EqualTo(SyncMode.Export));
        Assert.That(replaced.Url, Is.EqualTo("/srv/cal"));
    }

    [Test]
    public async Task A_user_has_one_account_and_must_exist()
    {
        var user = await UserAsync();
        await Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "vdir" }, Ct);

        var second = Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "caldav" }, Ct));
        var unknown = Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { UserId = 404, PluginId = "caldav" }, Ct));
        var missing = Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { Id = 55, UserId = user.Id, PluginId = "caldav" }, Ct));

        Assert.That(second!.Message, Does.Contain("one sync account"));
        Assert.That(unknown!.Message, Does.Contain("User 404 does not exist"));
        Assert.That(missing!.Message, Does.Contain("Account 55 does not exist"));
        Assert.That(await Store.ListAccountsAsync(Ct), Has.Count.EqualTo(1));
    }

    [Test, Category("R-ACC-6")]
    public async Task R_ACC_6_the_same_external_account_cannot_serve_two_users()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        await Store.SaveAccountAsync(new SyncAccount { UserId = anna.Id, PluginId = "caldav", Url = "https://127.0.0.1/dav/", UserName = "shared" }, Ct);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() =>
            Store.SaveAccountAsync(new SyncAccount { UserId = bob.Id, PluginId = "CalDAV", Url = "https://127.0.0.1/DAV/", UserName = "SHARED" }, Ct));
        var other = await Store.SaveAccountAsync(new SyncAccount { UserId = bob.Id, PluginId = "caldav", Url = "https://127.0.0.1/dav/", UserName = "bob" }, Ct);

        Assert.That(ex!.Message, Does.Contain("one external account serves one user"));
        Assert.That(other.Id, Is.GreaterThan(0));
    }

    [Test, Category("R-ACC-6")]
    [Description("issue 5: one Exchange service account impersonating different mailboxes serves different users; the same mailbox twice is refused")]
    public async Task R_ACC_6_a_service_account_may_serve_users_whose_impersonated_mailboxes_differ()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var carl = await UserAsync("carl");
        SyncAccount Service(long userId, string mailbox) => new()
        {
            UserId = userId,
            PluginId = "exchange",
            Url = "https://127.0.0.1/EWS/Exchange.asmx",
            UserName = "svc-proadsync",
            Options = new Dictionary<string, string> { ["impersonate"] = mailbox },
        };

        await Store.SaveAccountAsync(Service(anna.Id, "anna@example.com"), Ct);
        var bobs = await Store.SaveAccountAsync(Service(bob.Id, "bob@example.com"), Ct);
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(Service(carl.Id, " ANNA@example.com "), Ct));
        Assert.That(bobs.Id, Is.GreaterThan(0));
        Assert.That(ex!.Message, Does.Contain("one external account serves one user"));
    }

    [Test]
    public async Task Bad_account_values_are_refused()
    {
        var user = await UserAsync();
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = " " }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "x", Mode = (SyncMode)9 }, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "x", ConsecutiveFailures = -1 }, Ct));
        Assert.That(await Store.ListAccountsAsync(Ct), Is.Empty);
    }
}
