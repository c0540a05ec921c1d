using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>The four modes and contacts export through the engine against the exchange plugin and the fake EWS server.</summary>
[TestFixture]
public sealed class ExchangeModeTests : ModeAndContactContractTests
{
    private const string Password = "mode-pass";
    private FakeEwsServer _server = null!;
    private string _user = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [SetUp]
    public void NewMailbox()
    {
        _user = "mode" + Guid.NewGuid().ToString("N")[..10];
        _server.State.AddUser(_user, Password);
    }

    private TargetSettings Settings => new() { Url = _server.Endpoint.ToString(), UserName = _user, Password = Password };

    protected override async Task<ICalendarTarget> CreateTargetAsync() =>
        await ((ICalendarTargetFactory)new ExchangeTargetFactory()).CreateAsync(Settings, CancellationToken.None);

    protected override async Task<IContactTarget?> CreateContactTargetAsync() =>
        await ((IContactTargetFactory)new ExchangeTargetFactory()).CreateAsync(Settings with { State = new MemoryStateStore() }, CancellationToken.None);

    /// <inheritdoc />
    protected override bool TellsAddressBookVersion => true;

    protected override Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item)
    {
        _server.State.Mailbox(_user).Delete(item.Id);
        return Task.CompletedTask;
    }
}
