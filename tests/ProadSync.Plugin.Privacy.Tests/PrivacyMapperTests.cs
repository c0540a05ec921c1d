using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Privacy.Tests;

[TestFixture]
public sealed class PrivacyMapperTests
{
    private static readonly FieldMappingContext NoOptions = new("Demo", "caldav");

    internal static LeadingTodo Todo(TodoKind kind = TodoKind.Appointment, string? number = "J-2026-041") => new(
        4711,
        new CalendarItem
        {
            Kind = kind,
            Subject = "Kick-off Müller & Söhne",
            Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
            TimeZoneId = "Europe/Berlin",
            Description = "Budget 120.000 EUR, customer secrets",
            Location = "Customer HQ, Köln",
            Priority = Priority.High,
            ShowAs = ShowAs.Tentative,
            Status = TodoStatus.Started,
            Reminder = new DateTimeOffset(2026, 3, 10, 9, 15, 0, TimeSpan.FromHours(1)),
        })
    {
        ProjectNumber = number,
        ProjectName = "Relaunch Website",
        ResponsibleName = "Anna Example",
    };

    private static FieldMappingContext With(string key, string value) =>
        NoOptions with { Options = new Dictionary<string, string> { [key] = value } };

    [Test]
    public void Default_subject_is_Busy_and_the_details_are_dropped()
    {
        var todo = Todo();
        var external = new PrivacyFieldMapper().ToExternal(todo, NoOptions);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(external.Subject, Is.EqualTo("Busy"));
            Assert.That(external.Description, Is.Null);
            Assert.That(external.Location, Is.Null);
            Assert.That(external.ShowAs, Is.EqualTo(ShowAs.Busy));
            Assert.That(external.Priority, Is.EqualTo(Priority.Normal));
            Assert.That(external.Start, Is.EqualTo(todo.Content.Start));
            Assert.That(external.End, Is.EqualTo(todo.Content.End));
            Assert.That(external.TimeZoneId, Is.EqualTo("Europe/Berlin"));
            Assert.That(external.Reminder, Is.EqualTo(todo.Content.Reminder));
            Assert.That(external.Kind, Is.EqualTo(TodoKind.Appointment));
        }
    }

    [Test]
    public void Nothing_of_the_subject_description_or_location_leaks_into_any_field()
    {
        var external = new PrivacyFieldMapper().ToExternal(Todo(), NoOptions);
        var everything = string.Join('|', external.Subject, external.Description, external.Location, external.SourceTag);
        Assert.That(everything, Does.Not.Contain("Kick-off").And.Not.Contain("secrets").And.Not.Contain("Köln"));
    }

    [Test]
    public void Subject_option_with_number_placeholder()
    {
        var external = new PrivacyFieldMapper().ToExternal(Todo(), With("subject", "Job {number}"));
        Assert.That(external.Subject, Is.EqualTo("Job J-2026-041"));
    }

    [Test]
    public void Subject_option_key_is_case_insensitive_and_knows_job_responsible_and_kind()
    {
        var external = new PrivacyFieldMapper().ToExternal(Todo(TodoKind.Task), With("Subject", "{kind}: {job} ({responsible})"));
        Assert.That(external.Subject, Is.EqualTo("task: Relaunch Website (Anna Example)"));
    }

    [Test]
    public void Missing_number_leaves_no_dangling_space_and_unknown_placeholders_stay()
    {
        var mapper = new PrivacyFieldMapper();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mapper.ToExternal(Todo(number: null), With("subject", "Job {number}")).Subject, Is.EqualTo("Job"));
            Assert.That(mapper.ToExternal(Todo(), With("subject", "{unknown} {{literal}}")).Subject, Is.EqualTo("{unknown} {literal}"));
            Assert.That(mapper.ToExternal(Todo(number: null), With("subject", "{number}")).Subject, Is.EqualTo("Busy"), "an empty result falls back to the default");
        }
    }

    [Test]
    public void Tasks_keep_their_status_and_dates()
    {
        var todo = Todo(TodoKind.Task);
        var external = new PrivacyFieldMapper().ToExternal(todo, NoOptions);
        Assert.That((external.Kind, external.Status, external.End), Is.EqualTo((TodoKind.Task, TodoStatus.Started, todo.Content.End)));
    }

    [Test]
    public void Nothing_flows_back_neither_for_updates_nor_for_imports()
    {
        var mapper = new PrivacyFieldMapper();
        var edited = mapper.ToExternal(Todo(), NoOptions) with { Subject = "Changed outside", Description = "new text" };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mapper.ToLeading(edited, Todo(), NoOptions), Is.Null);
            Assert.That(mapper.ToLeading(edited, null, NoOptions), Is.Null);
        }
    }
}
