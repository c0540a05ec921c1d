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
    private FakeEwsServer _server = null!;
    private ImpersonatedMailbox _mailbox = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [SetUp]
    public void NewMailboxes() => _mailbox = new ImpersonatedMailbox(_server);

    [TearDown]
    public void NothingInTheServiceAccountsMailbox() => _mailbox.AssertServiceAccountUntouched();

    protected override async Task<ICalendarTarget> CreateTargetAsync() =>
        await ((ICalendarTargetFactory)new ExchangeTargetFactory()).CreateAsync(_mailbox.Settings, CancellationToken.None);

    protected override async Task<IContactTarget?> CreateContactTargetAsync() =>
        await ((IContactTargetFactory)new ExchangeTargetFactory()).CreateAsync(_mailbox.Settings with { State = new MemoryStateStore() }, CancellationToken.None);

    /// <inheritdoc />
    protected override bool TellsAddressBookVersion => true;

    protected override Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item)
    {
        Assert.That(_mailbox.Target.Delete(item.Id), Is.True, "the contact is in the impersonated mailbox");
        return Task.CompletedTask;
    }
}
