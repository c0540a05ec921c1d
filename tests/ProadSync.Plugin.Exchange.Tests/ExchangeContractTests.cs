using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>The shared connector contract, run against the exchange plugin and the in-process fake EWS server.</summary>
[TestFixture]
public sealed class ExchangeContractTests : CalendarTargetContractTests
{
    private const string Password = "kit-pass";
    private FakeEwsServer _server = null!;
    private string _user = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() =>
        _server = await FakeEwsServer.StartAsync(new FakeEwsOptions(), CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    /// <summary>A new user, so every test starts with an empty mailbox.</summary>
    [SetUp]
    public void NewMailbox()
    {
        _user = "kit" + Guid.NewGuid().ToString("N")[..10];
        _server.State.AddUser(_user, Password);
    }

    protected override async Task<ICalendarTarget> CreateTargetAsync()
    {
        ICalendarTargetFactory factory = new ExchangeTargetFactory();
        return await factory.CreateAsync(new TargetSettings { Url = _server.Endpoint.ToString(), UserName = _user, Password = Password }, CancellationToken.None);
    }

    /// <summary>Creates an item through the target, then breaks its date behind the target's back (another client's bad write).</summary>
    protected override async Task<bool> TryPlantMalformedAsync(TodoKind kind)
    {
        await using var target = await CreateTargetAsync();
        var planted = await target.CreateAsync(kind, NewIdentity(), Sample(kind) with { Subject = "planted" }, CancellationToken.None);
        _server.State.Mailbox(_user).SetValue(planted.Item.Id, kind == TodoKind.Task ? "DueDate" : "Start", "not a date");
        return true;
    }
}
