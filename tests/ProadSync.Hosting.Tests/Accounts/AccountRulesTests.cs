using ProadSync.Core.Leading;
using ProadSync.Hosting.Accounts;

namespace ProadSync.Hosting.Tests.Accounts;

/// <summary>The account rules of SPEC §2 that need no server.</summary>
[TestFixture]
public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly LeadingUser Anna = new(1, "anna", "Anna", MayConfigureSync: true);

    private static SyncAccount NewAccount() =>
        AccountRules.Apply(Anna, null, new AccountChange { PluginId = "caldav", Url = "https://dav.example.com/", UserName = "anna", Enabled = true }, [], "protected", "acme");

    [Test, Category("R-ACC-1")]
    public void Only_users_who_may_configure_synchronisation_get_an_account()
    {
        var ben = new LeadingUser(2, "ben", "Ben", MayConfigureSync: false);
        var ex = Assert.Throws<AccountRuleException>(() => AccountRules.Apply(ben, null, new AccountChange { PluginId = "vdir" }, [], null, "acme"));
        Assert.That(ex!.Message, Does.Contain("may configure synchronisation"));
    }

    [Test, Category("R-ACC-3")]
    public void Five_failures_in_a_row_switch_synchronisation_off_with_the_reason_and_a_success_resets_the_count()
    {
        var account = NewAccount();
        for (var i = 1; i <= 4; i++)
        {
            account = AccountRules.RecordFailure(account, "connection refused", credentialsExpired: false, At.AddMinutes(5 * i));
            Assert.That(account.Enabled, Is.True, $"still on after {i} failure(s)");
        }

        var reset = AccountRules.RecordSuccess(account, At.AddHours(1));
        Assert.That(reset.ConsecutiveFailures, Is.EqualTo(0), "a success resets the count");

        for (var i = 1; i <= 5; i++)
        {
            account = AccountRules.RecordFailure(account, "connection refused", credentialsExpired: false, At.AddHours(2).AddMinutes(5 * i));
        }

        Assert.Multiple(() =>
        {
            Assert.That(account.Enabled, Is.False);
            Assert.That(account.ConsecutiveFailures, Is.GreaterThanOrEqualTo(5));
            Assert.That(account.DisabledReason, Does.Contain("failed connection attempts in a row").And.Contain("connection refused"));
            Assert.That(account.LastError, Is.EqualTo("connection refused"));
        });
    }

    [Test, Category("R-ACC-4")]
    public void An_expired_password_pauses_the_account_and_a_new_password_resumes_it()
    {
        var paused = AccountRules.RecordFailure(NewAccount(), "password expired", credentialsExpired: true, At);
        Assert.Multiple(() =>
        {
            Assert.That(paused.Enabled, Is.False);
            Assert.That(paused.DisabledReason, Does.Contain("expired"));
        });
        var resumed = AccountRules.Apply(Anna, paused, new AccountChange { Password = "new" }, [], "protected-new", "acme");
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Enabled, Is.True);
            Assert.That(resumed.DisabledReason, Is.Null);
            Assert.That(resumed.ConsecutiveFailures, Is.EqualTo(0));
            Assert.That(resumed.ProtectedSecret, Is.EqualTo("protected-new"));
        });
    }

    [Test, Category("R-ACC-5"), Category("R-ADM-1")]
    public void A_bound_account_keeps_its_server_and_user_and_names_the_admin_commands()
    {
        var bound = AccountRules.RecordSuccess(NewAccount(), At);
        Assert.That(bound.BoundAt, Is.EqualTo(At));
        var ex = Assert.Throws<AccountRuleException>(() => AccountRules.Apply(Anna, bound, new AccountChange { Url = "https://other.example.com/" }, [], null, "acme"));
        Assert.That(ex!.Message, Does.Contain("accounts rebind").And.Contain("accounts reset"));
        Assert.Throws<AccountRuleException>(() => AccountRules.Apply(Anna, bound, new AccountChange { UserName = "someone-else" }, [], null, "acme"));

        // Same server written differently, mode and password changes stay allowed.
        var same = AccountRules.Apply(Anna, bound, new AccountChange { Url = "HTTPS://DAV.EXAMPLE.COM", Mode = SyncMode.Full }, [], "p2", "acme");
        Assert.That(same.Mode, Is.EqualTo(SyncMode.Full));
    }

    [Test, Category("R-ACC-5")]
    [Description("issue 5: the impersonated mailbox (exchange option impersonate) binds like the user name")]
    public void A_bound_account_keeps_its_impersonated_mailbox()
    {
        var account = AccountRules.Apply(Anna, null, new AccountChange
        {
            PluginId = "exchange",
            Url = "https://mail.example.com/EWS/Exchange.asmx",
            UserName = "svc",
            Options = new Dictionary<string, string> { ["impersonate"] = "anna@example.com" },
        }, [], "protected", "acme");
        var bound = AccountRules.RecordSuccess(account, At);

        var ex = Assert.Throws<AccountRuleException>(() => AccountRules.Apply(Anna, bound, new AccountChange { Options = new Dictionary<string, string> { ["impersonate"] = "boss@example.com" } }, [], null, "acme"));
        Assert.That(ex!.Message, Does.Contain("impersonated mailbox").And.Contain("R-ACC-5").And.Contain("accounts reset"));
        Assert.Throws<AccountRuleException>(() => AccountRules.Apply(Anna, bound, new AccountChange { Options = new Dictionary<string, string> { ["impersonate"] = "" } }, [], null, "acme"),
            "removing the option would switch to the service account's own mailbox");

        var same = AccountRules.Apply(Anna, bound, new AccountChange { Options = new Dictionary<string, string> { ["Impersonate"] = " ANNA@example.com", ["timeoutSeconds"] = "30" } }, [], null, "acme");
        Assert.That(same.Options["timeoutSeconds"], Is.EqualTo("30"), "other options stay free");
    }

    [Test, Category("R-ACC-6")]
    [Description("issue 5: one service account impersonating different mailboxes may serve different users, the same mailbox not")]
    public void A_service_account_may_serve_users_whose_impersonated_mailboxes_differ()
    {
        AccountChange Service(string mailbox) => new()
        {
            PluginId = "exchange",
            Url = "https://mail.example.com/EWS/Exchange.asmx",
            UserName = "svc",
            Options = new Dictionary<string, string> { ["impersonate"] = mailbox },
        };
        var annas = AccountRules.Apply(Anna, null, Service("anna@example.com"), [], "p", "acme") with { Id = 1 };
        var bert = new LeadingUser(3, "bert", "Bert", MayConfigureSync: true);
        Assert.DoesNotThrow(() => AccountRules.Apply(bert, null, Service("bert@example.com"), [annas], "p", "acme"));
        var ex = Assert.Throws<AccountRuleException>(() => AccountRules.Apply(bert, null, Service("Anna@Example.com"), [annas], "p", "acme"));
        Assert.That(ex!.Message, Does.Contain("R-ACC-6"));
        Assert.Throws<AccountRuleException>(() => AccountRules.Apply(bert, null, new AccountChange { PluginId = "exchange", Url = "https://mail.example.com/EWS/Exchange.asmx", UserName = "svc" }, [annas with { Options = new Dictionary<string, string>() }], "p", "acme"),
            "without the option on both sides it is the same external account");
    }

    [Test, Category("R-ACC-6"), Category("R-ADM-2")]
    public void One_external_account_cannot_belong_to_two_users_of_a_database()
    {
        var annas = NewAccount() with { Id = 1 };
        var bert = new LeadingUser(3, "bert", "Bert", MayConfigureSync: true);
        var ex = Assert.Throws<AccountRuleException>(() => AccountRules.Apply(bert, null, new AccountChange { PluginId = "caldav", Url = "https://dav.example.com", UserName = "ANNA" }, [annas], null, "acme"));
        Assert.That(ex!.Message, Does.Contain("R-ACC-6"));
        Assert.DoesNotThrow(() => AccountRules.Apply(bert, null, new AccountChange { PluginId = "caldav", Url = "https://dav.example.com", UserName = "bert" }, [annas], null, "acme"));
    }
}
