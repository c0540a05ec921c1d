using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// Issue 5: the four modes and contacts export through the engine once more, with a service account acting on the
/// user's mailbox through the option <c>impersonate</c>; the service account's own mailbox stays empty.
/// </summary>
[TestFixture]
[Description("issue 5")]
public sealed class ExchangeImpersonationModeTests : ModeAndContactContractTests
{
    private const string Password = "svc-mode-pass";
    private FakeEwsServer _server = null!;
    private string _serviceAccount = null!;
    private string _targetUser = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [SetUp]
    public void NewMailboxes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _serviceAccount = "svc" + suffix;
        _targetUser = "user" + suffix;
        _server.State.AddUser(_serviceAccount, Password);
        _server.State.GrantImpersonation(_serviceAccount);
        _server.State.AddSmtpAddress(_targetUser, _targetUser + "@example.test");
    }

    [TearDown]
    public void NothingInTheServiceAccountsMailbox()
    {
        var own = _server.State.Mailbox(_serviceAccount);
        Assert.That(own.ItemIds("calendar").Concat(own.ItemIds("tasks")).Concat(own.ItemIds("contacts")), Is.Empty);
        Assert.That(_server.State.Mailbox(_targetUser).ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero);
    }

    private TargetSettings Settings => new()
    {
        Url = _server.Endpoint.ToString(),
        UserName = _serviceAccount,
        Password = Password,
        Options = new Dictionary<string, string> { ["impersonate"] = _targetUser + "@example.test" },
    };

    protected override async Task<ICalendarTarget> CreateTargetAsync() =>
        await ((ICalendarTargetFactory)new ExchangeTargetFactory()).CreateAsync(Settings, CancellationToken.None);

    protected override async Task<IContactTarget?> CreateContactTargetAsync() =>
        await ((IContactTargetFactory)new ExchangeTargetFactory()).CreateAsync(Settings, CancellationToken.None);

    protected override Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item)
    {
        Assert.That(_server.State.Mailbox(_targetUser).Delete(item.Id), Is.True, "the contact is in the impersonated mailbox");
        return Task.CompletedTask;
    }
}
