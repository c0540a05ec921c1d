using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>
/// Issue 5: the shared connector contract once more, with a service account that acts on another mailbox through
/// the option <c>impersonate</c>. After each test nothing may have landed in the service account's own mailbox, and
/// every impersonated request must have carried <c>X-AnchorMailbox</c>.
/// </summary>
[TestFixture]
[Description("issue 5")]
public sealed class ExchangeImpersonationContractTests : CalendarTargetContractTests
{
    private const string Password = "svc-pass";
    private FakeEwsServer _server = null!;
    private string _serviceAccount = null!;
    private string _targetUser = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() =>
        _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    /// <summary>A new service account and a new target mailbox, so every test starts empty.</summary>
    [SetUp]
    public void NewMailboxes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _serviceAccount = "svc" + suffix;
        _targetUser = "boss" + suffix;
        _server.State.AddUser(_serviceAccount, Password);
        _server.State.GrantImpersonation(_serviceAccount);
        _server.State.AddSmtpAddress(_targetUser, _targetUser + "@example.test");
    }

    [TearDown]
    public void NothingInTheServiceAccountsMailbox()
    {
        var own = _server.State.Mailbox(_serviceAccount);
        var target = _server.State.Mailbox(_targetUser);
        Assert.Multiple(() =>
        {
            Assert.That(own.ItemIds("calendar").Concat(own.ItemIds("tasks")), Is.Empty, "the service account's own mailbox stays empty");
            Assert.That(target.ImpersonatedRequestsWithoutAnchorMailbox, Is.Zero, "X-AnchorMailbox on every impersonated request");
        });
    }

    protected override async Task<ICalendarTarget> CreateTargetAsync()
    {
        ICalendarTargetFactory factory = new ExchangeTargetFactory();
        return await factory.CreateAsync(new TargetSettings
        {
            Url = _server.Endpoint.ToString(),
            UserName = _serviceAccount,
            Password = Password,
            Options = new Dictionary<string, string> { ["impersonate"] = _targetUser + "@example.test" },
        }, CancellationToken.None);
    }

    /// <summary>Creates an item through the target, then breaks its date behind the target's back (another client's bad write).</summary>
    protected override async Task<bool> TryPlantMalformedAsync(TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var planted = await target.CreateAsync(kind, NewIdentity(), Sample(kind) with { Subject = "planted" }, CancellationToken.None);
        _server.State.Mailbox(_targetUser).SetValue(planted.Item.Id, kind == TodoKind.Task ? "DueDate" : "Start", "not a date");
        return true;
    }
}
