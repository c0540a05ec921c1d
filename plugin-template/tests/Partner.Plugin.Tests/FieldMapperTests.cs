using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace Partner.Plugin.Tests;

/// <summary>The mapper's rules, on the mapper the registrar registers.</summary>
[TestFixture]
public sealed class FieldMapperTests
{
    private static readonly FieldMappingContext Context = new("Demo", "caldav");

    private static readonly LeadingTodo Todo = new(
        4711,
        new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = "Kick-off",
            Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
            Description = "Agenda",
            Reminder = new DateTimeOffset(2026, 3, 10, 9, 15, 0, TimeSpan.FromHours(1)),
        })
    {
        ProjectNumber = "J-2026-041",
    };

    private static IFieldMapper Mapper()
    {
        var services = new ServiceCollection();
        new PluginRegistrar().Register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetServices<IFieldMapper>().Single(m => m.Id == PluginRegistrar.PluginId);
    }

    [Test]
    public void Goes_out_with_the_prefix()
    {
        Assert.That(Mapper().ToExternal(Todo, Context).Subject, Is.EqualTo("[PROAD] Kick-off"));
    }

    [Test]
    public void Prefix_option_is_used()
    {
        var context = Context with { Options = new Dictionary<string, string> { ["prefix"] = "Job:" } };
        Assert.That(Mapper().ToExternal(Todo, context).Subject, Is.EqualTo("Job: Kick-off"));
    }

    [Test]
    public void Round_trip_never_grows_the_subject_and_keeps_the_leading_reminder()
    {
        var mapper = Mapper();
        var external = mapper.ToExternal(Todo, Context) with { Reminder = null };
        var back = mapper.ToLeading(external, Todo, Context)!;
        Assert.That((back.Subject, back.Reminder), Is.EqualTo(("Kick-off", Todo.Content.Reminder)));
    }
}
