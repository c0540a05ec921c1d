using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

/// <summary>The four modes and contacts export through the engine against the graph plugin and a fresh FakeGraph per test.</summary>
[TestFixture]
public sealed class GraphModeTests : ModeAndContactContractTests
{
    private GraphTestContext _ctx = null!;

    [SetUp]
    public async Task StartFakeAsync() => _ctx = await GraphTestContext.StartAsync();

    [TearDown]
    public async Task StopFakeAsync() => await _ctx.DisposeAsync();

    protected override async Task<ICalendarTarget> CreateTargetAsync() => await _ctx.CalendarAsync();

    protected override async Task<IContactTarget?> CreateContactTargetAsync() => await _ctx.ContactsAsync();

    protected override Task DeleteContactExternallyAsync(IContactTarget contacts, ExternalItemRef item)
    {
        _ctx.Fake.Delete(GraphTestContext.Mailbox, FakeCollection.Contacts, item.Id);
        return Task.CompletedTask;
    }
}
