using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace Partner.Plugin.Tests;

/// <summary>The contact target's contract: create (adopting an existing identity), list, read, update guarded by the version.</summary>
[TestFixture]
public sealed class ContactTargetTests
{
    private static readonly ContactData Sample = new()
    {
        FirstName = "Anna",
        LastName = "Müller-Lüdenscheidt",
        Company = "Example & Söhne GmbH",
        Email1 = "anna@example.org",
        Phone1 = "+49 221 000000",
        City = "Köln",
        SourceTag = "kit:c4711",
    };

    private string _url = string.Empty;

    [SetUp]
    public void NewAddressBook() => _url = "sample://contacts/" + Guid.NewGuid().ToString("N");

    private async Task<IContactTarget> CreateTargetAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        new PluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetServices<IContactTargetFactory>().Single(f => f.PluginId == PluginRegistrar.PluginId);
        return await factory.CreateAsync(new TargetSettings { Url = _url }, CancellationToken.None);
    }

    [Test]
    public async Task Connection_test_passes()
    {
        await using var target = await CreateTargetAsync();
        Assert.That((await target.TestConnectionAsync(CancellationToken.None)).Succeeded, Is.True);
    }

    [Test]
    public async Task Created_contact_is_listed_and_reads_back_unchanged()
    {
        await using var target = await CreateTargetAsync();
        var created = await target.CreateAsync("kit-" + Guid.NewGuid().ToString("N"), Sample, CancellationToken.None);
        Assert.That(created.Adopted, Is.False);
        Assert.That(await target.ListAsync(CancellationToken.None), Does.Contain(created.Item));
        var read = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(read.Content, Is.EqualTo(Sample));
    }

    [Test]
    public async Task Create_with_existing_identity_adopts_without_duplicate()
    {
        await using var target = await CreateTargetAsync();
        var identity = "kit-" + Guid.NewGuid().ToString("N");
        var first = await target.CreateAsync(identity, Sample, CancellationToken.None);
        var second = await target.CreateAsync(identity, Sample, CancellationToken.None);
        Assert.That((second.Adopted, second.Item.Id), Is.EqualTo((true, first.Item.Id)));
        Assert.That(await target.ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Update_with_current_version_replaces_and_stale_version_conflicts()
    {
        await using var target = await CreateTargetAsync();
        var created = await target.CreateAsync("kit-" + Guid.NewGuid().ToString("N"), Sample, CancellationToken.None);
        var updated = await target.UpdateAsync(created.Item, Sample with { City = "Bonn" }, CancellationToken.None);
        Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(created.Item, Sample with { City = "Aachen" }, CancellationToken.None));
        var read = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(read.Content!.City, Is.EqualTo("Bonn"));
    }

    [Test]
    public async Task Update_of_missing_contact_is_not_found_and_unknown_ids_are_left_out()
    {
        await using var target = await CreateTargetAsync();
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(new ExternalItemRef("missing", new ItemVersion("v1")), Sample, CancellationToken.None));
        Assert.That(await target.GetAsync(["missing"], CancellationToken.None), Is.Empty);
    }
}
