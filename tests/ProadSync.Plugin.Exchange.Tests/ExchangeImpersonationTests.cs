using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// Issue 5: the option <c>impersonate</c> makes a service account act on another mailbox through Exchange
/// impersonation (<c>ExchangeImpersonation</c> SOAP header plus <c>X-AnchorMailbox</c>), against the fake, which
/// grants it only to accounts with the ApplicationImpersonation role. The login of the base class is the service
/// account; every test gets a fresh target mailbox.
/// </summary>
public sealed class ExchangeImpersonationTests : FakeEwsTestBase
{
    private static readonly DateRange Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private string _targetUser = null!;
    private string _targetAddress = null!;

    private FakeMailbox TargetMailbox => Server.State.Mailbox(_targetUser);

    private static CalendarItem Appointment(string subject) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
    };

    [SetUp]
    public void NewTargetMailbox()
    {
        _targetUser = "box" + Guid.NewGuid().ToString("N")[..8];
        _targetAddress = _targetUser + "@example.test";
        Server.State.AddSmtpAddress(_targetUser, _targetAddress);
    }

    private Dictionary<string, string> Impersonate(string? address = null) => new() { ["impersonate"] = address ?? _targetAddress };

    [Test]
    [Description("issue 5: a service account with ApplicationImpersonation creates, reads, updates, deletes and syncs in the target mailbox only")]
    public async Task Service_account_with_the_role_works_in_the_target_mailbox_only()
    {
        Server.State.GrantImpersonation(User);
        var target = await CalendarAsync(options: Impersonate());

        var initial = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        Assert.That(initial.Items, Is.Empty);

        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:1", Appointment("In the boss's calendar"), CancellationToken.None);
        var task = await target.CreateAsync(TodoKind.Task, "db1:todo:2", new CalendarItem
        {
            Kind = TodoKind.Task,
            Subject = "Boss task",
            End = new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.FromHours(1)),
        }, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(TargetMailbox.ItemIds("calendar"), Is.EqualTo(new[] { created.Item.Id }), "the appointment is in the target's calendar");
            Assert.That(TargetMailbox.ItemIds("tasks"), Is.EqualTo(new[] { task.Item.Id }), "the task is in the target's tasks");
            Assert.That(Mailbox.ItemIds("calendar"), Is.Empty, "nothing in the service account's own calendar");
            Assert.That(Mailbox.ItemIds("tasks"), Is.Empty, "nothing in the service account's own tasks");
        });

        var changes = await target.GetChangesAsync(TodoKind.Appointment, initial.NextCursor, Window, CancellationToken.None);
        Assert.That(changes.Items.Select(i => i.Id), Is.EqualTo(new[] { created.Item.Id }), "sync sees the target's item");

        var fetched = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content!.Subject, Is.EqualTo("In the boss's calendar"));

        var updated = await target.UpdateAsync(TodoKind.Appointment, created.Item, Appointment("Moved"), CancellationToken.None);
        Assert.That(TargetMailbox.Find(created.Item.Id)!.GetValue("Subject"), Is.EqualTo("Moved"));

        changes = await target.GetChangesAsync(TodoKind.Appointment, changes.NextCursor, Window, CancellationToken.None);
        Assert.That(changes.Items.Select(i => i.Version), Is.EqualTo(new[] { updated.Version }), "sync sees the update");

        await target.DeleteAsync(TodoKind.Appointment, updated, CancellationToken.None);
        Assert.That(TargetMailbox.ItemIds("calendar"), Is.Empty);
        changes = await target.GetChangesAsync(TodoKind.Appointment, changes.NextCursor, Window, CancellationToken.None);
        Assert.That(changes.DeletedIds, Is.EqualTo(new[] { created.Item.Id }), "sync sees the deletion");

        Assert.Multiple(() =>
        {
            Assert.That(TargetMailbox.ImpersonatedRequests, Is.GreaterThanOrEqualTo(8), "every request acted on the target by impersonation");
            Assert.That(TargetMailbox.ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero, "every impersonated request carried X-AnchorMailbox with the target's address");
            Assert.That(Mailbox.Requests, Has.All.Contain("<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>" + _targetAddress + "</t:SmtpAddress>"));
        });
    }

    [Test]
    [Description("issue 5: contacts go to the impersonated mailbox too")]
    public async Task Contacts_go_to_the_target_mailbox()
    {
        Server.State.GrantImpersonation(User);
        var target = await ContactsAsync(Impersonate());
        var created = await target.CreateAsync("db1:contact:1", new ContactData { FirstName = "Tanja", LastName = "Plate" }, CancellationToken.None);
        Assert.That(TargetMailbox.ItemIds("contacts"), Is.EqualTo(new[] { created.Item.Id }));
        Assert.That(Mailbox.ItemIds("contacts"), Is.Empty);
        Assert.That((await target.ListAsync(CancellationToken.None)).Select(i => i.Id), Is.EqualTo(new[] { created.Item.Id }));
        Assert.That(TargetMailbox.ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero);
    }

    [Test]
    [Description("issue 5: without the option the account acts on its own mailbox, with no impersonation header")]
    public async Task Without_the_option_nothing_is_impersonated()
    {
        Server.State.GrantImpersonation(User);
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:9", Appointment("Own"), CancellationToken.None);
        Assert.That(Mailbox.ItemIds("calendar"), Is.EqualTo(new[] { created.Item.Id }));
        Assert.That(TargetMailbox.ImpersonatedRequests, Is.Zero);
        Assert.That(Mailbox.Requests, Has.None.Contain("ExchangeImpersonation"));
    }

    [Test]
    [Description("issue 5: an account without ApplicationImpersonation gets ErrorImpersonateUserDenied → TargetAuthenticationException")]
    public async Task Service_account_without_the_role_gets_an_authentication_error()
    {
        var target = await CalendarAsync(options: Impersonate());
        var error = Assert.ThrowsAsync<TargetAuthenticationException>(() =>
            target.CreateAsync(TodoKind.Appointment, "db1:todo:1", Appointment("x"), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("ErrorImpersonateUserDenied").And.Contain(_targetAddress).And.Contain("ApplicationImpersonation"));
        Assert.That(error.CredentialsExpired, Is.False);
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
        Assert.That(TargetMailbox.ItemIds("calendar"), Is.Empty);
        Assert.That(Mailbox.ItemIds("calendar"), Is.Empty, "nothing falls back to the service account's own mailbox");
    }

    [Test]
    [Description("issue 5: the connection test names the mailbox it acts on")]
    public async Task Connection_test_names_the_impersonated_mailbox()
    {
        Server.State.GrantImpersonation(User);
        var report = await (await CalendarAsync(options: Impersonate())).TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Steps));
        Assert.That(report.Steps[1].Message, Does.Contain(_targetAddress).And.Contain(User));
        Assert.That(report.Steps[2].Message, Does.Contain(_targetAddress));
    }

    [Test]
    [Description("issue 5: the connection test reports a missing impersonation right as a failed login, without the password hint")]
    public async Task Connection_test_reports_missing_rights()
    {
        var report = await (await CalendarAsync(options: Impersonate())).TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.AuthenticationFailed, Is.True);
        Assert.That(report.Steps[1].Outcome, Is.EqualTo(TestOutcome.Failed));
        Assert.That(report.Steps[1].Message, Does.Contain("may not impersonate").And.Contain(_targetAddress).And.Not.Contain("password"));
    }

    [Test]
    [Description("issue 5: an address with no mailbox gets ErrorNonExistentMailbox → a configuration error naming the option")]
    public async Task Unknown_mailbox_is_a_configuration_error()
    {
        Server.State.GrantImpersonation(User);
        var target = await CalendarAsync(options: Impersonate("nobody@example.test"));
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() =>
            target.CreateAsync(TodoKind.Appointment, "db1:todo:1", Appointment("x"), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("ErrorNonExistentMailbox").And.Contain("'impersonate'").And.Contain("nobody@example.test"));

        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.Steps[2].Message, Does.Contain("nobody@example.test"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("boss")]
    [TestCase("boss@")]
    [TestCase("@example.com")]
    [TestCase("boss@localhost")]
    [TestCase("boss@@example.com")]
    [TestCase("the boss@example.com")]
    [TestCase("Boss <boss@example.com>")]
    [TestCase("boss@example.com, other@example.com")]
    [TestCase("boss@example.com\r\nX-Evil: 1")]
    [Description("issue 5: an invalid impersonate option is a configuration error naming the option")]
    public void Invalid_option_is_a_configuration_error(string value)
    {
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => CalendarAsync(options: Impersonate(value)));
        Assert.That(error!.Message, Does.Contain("'impersonate'").And.Contain("SMTP address"));
        Assert.That(Server.State.Mailbox(User).Requests, Is.Empty, "nothing was sent");
    }

    [TestCase("boss@example.com")]
    [TestCase(" boss.smith+sync@mail.example.co.uk ")]
    [Description("issue 5: valid addresses are accepted (surrounding blanks trimmed)")]
    public async Task Valid_option_is_accepted(string value)
    {
        Assert.That(await CalendarAsync(options: Impersonate(value)), Is.Not.Null);
    }
}
