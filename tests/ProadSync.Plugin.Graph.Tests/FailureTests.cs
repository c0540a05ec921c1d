using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

public sealed class FailureTests
{
    private GraphTestContext _ctx = null!;

    [SetUp]
    public async Task SetUpAsync() => _ctx = await GraphTestContext.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _ctx.DisposeAsync();

    [Test]
    [Category("R-ACC-2")]
    public async Task Test_reports_token_mailbox_calendar_and_tasks()
    {
        await using var target = await _ctx.CalendarAsync();
        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Token acquired", "Mailbox reachable", "Calendar found", "To Do list found" }));
        Assert.That(report.Succeeded, Is.True, string.Join(" / ", report.Steps.Select(s => s.Message)));

        await using var contacts = await _ctx.ContactsAsync();
        var contactReport = await contacts.TestConnectionAsync(CancellationToken.None);
        Assert.That(contactReport.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Token acquired", "Mailbox reachable", "Contacts found" }));
        Assert.That(contactReport.Succeeded, Is.True);
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Test_with_a_wrong_secret_fails_at_the_token_and_says_so()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(secret: "wrong"));
        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.False);
            Assert.That(report.AuthenticationFailed, Is.True);
            Assert.That(report.Steps[0].Outcome, Is.EqualTo(TestOutcome.Failed));
            Assert.That(report.Steps[0].Message, Does.Contain("invalid_client").And.Not.Contain("wrong"));
            Assert.That(report.Steps.Skip(1).Select(s => s.Outcome), Has.All.EqualTo(TestOutcome.Skipped));
        });
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Test_with_an_unknown_mailbox_fails_at_the_mailbox()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(mailbox: "nobody@contoso.example"));
        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Steps[0].Outcome, Is.EqualTo(TestOutcome.Passed));
        Assert.That(report.Steps[1].Outcome, Is.EqualTo(TestOutcome.Failed));
        Assert.That(report.Steps[1].Message, Does.Contain("ErrorInvalidUser"));
        Assert.That(report.AuthenticationFailed, Is.False);
    }

    [Test]
    public async Task A_wrong_secret_is_an_authentication_failure_on_every_call()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(secret: "wrong"));
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None));
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.CreateAsync(TodoKind.Appointment, "x", Samples.Appointment(), CancellationToken.None));
    }

    [Test]
    public async Task A_revoked_token_and_a_403_are_authentication_failures()
    {
        await using var target = await _ctx.CalendarAsync();
        await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);
        _ctx.Fake.RevokeAccessTokens();
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None));

        await using var fresh = await _ctx.CalendarAsync();
        _ctx.Fake.InjectFault(new FakeFault(403, "ErrorAccessDenied", "Access to OData is disabled.") { PathContains = "/v1.0/" });
        var ex = Assert.ThrowsAsync<TargetAuthenticationException>(() => fresh.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("application access policy"));
    }

    [Test]
    public async Task Accounts_of_one_app_registration_share_a_token_and_a_refused_token_is_fetched_anew()
    {
        _ctx.Fake.AddMailbox("bob@contoso.example");
        await using (var anna = await _ctx.CalendarAsync())
        await using (var bob = await _ctx.ContactsAsync(_ctx.Settings(mailbox: "bob@contoso.example")))
        {
            await anna.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);
            await bob.ListAsync(CancellationToken.None);
        }

        Assert.That(TokenRequests(), Is.EqualTo(1));

        _ctx.Fake.RevokeAccessTokens();
        await using var target = await _ctx.CalendarAsync();
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None));
        var healed = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);

        Assert.That(healed.IsFullListing, Is.True);
        Assert.That(TokenRequests(), Is.EqualTo(2));

        int TokenRequests() => _ctx.Fake.Requests.Count(r => r.PathAndQuery.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_short_Retry_After_is_waited_out_by_the_SDK()
    {
        await using var target = await _ctx.CalendarAsync();
        _ctx.Fake.InjectFault(FakeFault.Throttle(TimeSpan.FromSeconds(1)) with { PathContains = "calendarView" });

        var changes = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);

        Assert.That(changes.IsFullListing, Is.True);
        Assert.That(_ctx.Fake.Requests.Where(r => r.PathAndQuery.Contains("calendarView", StringComparison.Ordinal)).Select(r => r.StatusCode),
            Is.EqualTo(new[] { 429, 200 }));
    }

    [Test]
    public async Task A_long_Retry_After_becomes_a_transient_failure_carrying_the_wait()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(maxRetryAfterSeconds: 10));
        _ctx.Fake.InjectFault(FakeFault.Throttle(TimeSpan.FromSeconds(120)) with { PathContains = "calendarView" });

        var ex = Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None));

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(_ctx.Fake.Requests.Count(r => r.StatusCode == 429), Is.EqualTo(1), "not retried within the call");
    }

    [Test]
    public async Task A_server_error_is_transient()
    {
        await using var target = await _ctx.CalendarAsync();
        _ctx.Fake.InjectFault(new FakeFault(500, "generalException", "boom") { PathContains = "/events", Method = "POST" });

        Assert.ThrowsAsync<TransientTargetException>(() => target.CreateAsync(TodoKind.Appointment, "x", Samples.Appointment(), CancellationToken.None));
    }

    [Test]
    public async Task A_rejected_event_is_an_item_rejection()
    {
        await using var target = await _ctx.CalendarAsync();
        var bad = Samples.Appointment() with { TimeZoneId = null, End = Samples.Appointment().Start!.Value.AddHours(-1) };

        Assert.ThrowsAsync<ItemRejectedException>(() => target.CreateAsync(TodoKind.Appointment, "x", bad, CancellationToken.None));
    }

    [TestCase("tenantId")]
    [TestCase("clientId")]
    public void Missing_app_registration_options_are_configuration_errors(string option)
    {
        var settings = _ctx.Settings();
        settings = settings with { Options = settings.Options.Where(o => o.Key != option).ToDictionary() };

        var ex = Assert.ThrowsAsync<TargetConfigurationException>(async () => await _ctx.CalendarAsync(settings));
        Assert.That(ex!.Message, Does.Contain(option));
    }

    [Test]
    public void A_missing_mailbox_or_secret_is_a_configuration_error()
    {
        Assert.ThrowsAsync<TargetConfigurationException>(async () => await _ctx.CalendarAsync(_ctx.Settings() with { UserName = null }));
        Assert.ThrowsAsync<TargetConfigurationException>(async () => await _ctx.ContactsAsync(_ctx.Settings() with { Password = null }));
        Assert.ThrowsAsync<TargetConfigurationException>(async () => await _ctx.CalendarAsync(_ctx.Settings() with { Url = "http://graph.example/v1.0" }));
    }

    [Test]
    public void An_unreadable_certificate_is_a_configuration_error_naming_the_file()
    {
        var settings = _ctx.Settings();
        var options = settings.Options.Where(o => o.Key != "authority").ToDictionary();
        options["certificatePath"] = Path.Combine(Path.GetTempPath(), "missing-proadsync-app.pfx");

        var ex = Assert.ThrowsAsync<TargetConfigurationException>(async () => await _ctx.CalendarAsync(settings with { Options = options }));
        Assert.That(ex!.Message, Does.Contain("missing-proadsync-app.pfx"));
    }

    [Test]
    public void The_plugin_registers_one_factory_for_calendars_and_contacts_under_the_id_graph()
    {
        Assert.That(_ctx.CalendarFactory.PluginId, Is.EqualTo("graph"));
        Assert.That(_ctx.ContactFactory.PluginId, Is.EqualTo("graph"));
        Assert.That(_ctx.CalendarFactory, Is.SameAs(_ctx.ContactFactory));
    }
}
