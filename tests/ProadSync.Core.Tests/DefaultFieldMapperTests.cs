using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;

namespace ProadSync.Core.Tests;

[TestFixture]
public sealed class DefaultFieldMapperTests
{
    private static readonly FieldMappingContext Context = new("Demo", "memory");
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(2));

    private static CalendarItem Full() => new()
    {
        Kind = TodoKind.Appointment,
        Subject = "s",
        Start = Start,
        End = Start.AddHours(1),
        IsAllDay = false,
        TimeZoneId = "Europe/Berlin",
        Description = "d",
        Location = "l",
        Priority = Priority.High,
        ShowAs = ShowAs.Tentative,
        Reminder = Start.AddMinutes(-10),
    };

    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-2")]
    [Category("R-APT-3")]
    public void ToExternal_CopiesEveryFieldAndSetsTheTag()
    {
        var result = new DefaultFieldMapper().ToExternal(new LeadingTodo(42, Full()), Context);

        Assert.That(result, Is.EqualTo(Full() with { SourceTag = "Demo:42" }));
    }

    [Test]
    [Category("R-NOTE-3")]
    public void ToLeading_KeepsTheLeadingReminder_AndDropsExternalOnlyData()
    {
        var external = Full() with { Subject = "new", Reminder = Start.AddDays(-3), IsPrivate = true, SourceTag = "Demo:42" };
        var current = new LeadingTodo(42, Full() with { Reminder = Start.AddMinutes(-30) });

        var result = new DefaultFieldMapper().ToLeading(external, current, Context)!;

        Assert.Multiple(() =>
        {
            Assert.That(result.Subject, Is.EqualTo("new"));
            Assert.That(result.Reminder, Is.EqualTo(Start.AddMinutes(-30)));
            Assert.That(result.IsPrivate, Is.False);
            Assert.That(result.SourceTag, Is.Null);
        });
    }

    [Test]
    [Category("R-NOTE-3")]
    public void ToLeading_ForAnImport_TakesNoReminder()
    {
        var result = new DefaultFieldMapper().ToLeading(Full(), null, Context)!;

        Assert.That(result.Reminder, Is.Null);
        Assert.That(new DefaultFieldMapper().Id, Is.EqualTo("default"));
    }

    [Test]
    public void Identities()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SyncIdentity.ForTodo("Demo", 7), Is.EqualTo("proadsync-demo-7"));
            Assert.That(SyncIdentity.ForTodo("Demo", 7, 2), Is.EqualTo("proadsync-demo-7-g2"));
            Assert.That(SyncIdentity.ForContact("Demo", 7), Is.EqualTo("proadsync-demo-c7"));
            Assert.That(SyncIdentity.TodoSourceTag("Demo", 7), Is.EqualTo("Demo:7"));
        });
    }
}

[TestFixture]
public sealed class RegistrationTests
{
    [Test]
    public void AddSyncEngine_ResolvesTheEngineAndTheDefaultMapper()
    {
        using var provider = new ServiceCollection().AddSyncEngine().BuildServiceProvider();

        Assert.That(provider.GetService<SyncEngine>(), Is.Not.Null);
        Assert.That(
            provider.GetServices<IFieldMapper>().Select(m => m.Id),
            Is.EqualTo(new[] { "default" }));
    }
}
