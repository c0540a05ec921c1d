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
    private FakeEwsServer _server = null!;
    private ImpersonatedMailbox _mailbox = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() =>
        _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    /// <summary>A new service account and a new target mailbox, so every test starts empty.</summary>
    [SetUp]
    public void NewMailboxes() => _mailbox = new ImpersonatedMailbox(_server);

    [TearDown]
    public void NothingInTheServiceAccountsMailbox() => _mailbox.AssertServiceAccountUntouched();

    protected override async Task<ICalendarTarget> CreateTargetAsync() =>
        await ((ICalendarTargetFactory)new ExchangeTargetFactory()).CreateAsync(_mailbox.Settings, CancellationToken.None);

    /// <summary>Creates an item through the target, then breaks its date behind the target's back (another client's bad write).</summary>
    protected override async Task<bool> TryPlantMalformedAsync(TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var planted = await target.CreateAsync(kind, NewIdentity(), Sample(kind) with { Subject = "planted" }, CancellationToken.None);
        _mailbox.Target.SetValue(planted.Item.Id, kind == TodoKind.Task ? "DueDate" : "Start", "not a date");
        return true;
    }
}
