using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Privacy.Tests;

[TestFixture]
public sealed class JobPrefixMapperTests
{
    private static readonly FieldMappingContext Context = new("Demo", "caldav");

    [Test]
    public void Puts_the_job_number_in_front_and_keeps_the_rest()
    {
        var todo = PrivacyMapperTests.Todo() with { Content = PrivacyMapperTests.Todo().Content with { Subject = "Kick-off" } };
        var external = new JobPrefixFieldMapper().ToExternal(todo, Context);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(external.Subject, Is.EqualTo("[J-2026-041] Kick-off"));
            Assert.That(external.Description, Is.EqualTo(todo.Content.Description));
            Assert.That(external.Location, Is.EqualTo(todo.Content.Location));
            Assert.That(external.ShowAs, Is.EqualTo(ShowAs.Tentative));
        }
    }

    [Test]
    public void Without_a_job_number_the_subject_is_unchanged()
    {
        var todo = PrivacyMapperTests.Todo(number: null);
        Assert.That(new JobPrefixFieldMapper().ToExternal(todo, Context).Subject, Is.EqualTo(todo.Content.Subject));
    }

    [Test]
    public void Format_option_changes_the_prefix()
    {
        var context = Context with { Options = new Dictionary<string, string> { ["format"] = "{number}:" } };
        Assert.That(new JobPrefixFieldMapper().ToExternal(PrivacyMapperTests.Todo(), context).Subject, Does.StartWith("J-2026-041: Kick-off"));
    }

    [Test]
    [Category("R-NOTE-2")]
    public void Round_trip_takes_the_prefix_off_so_the_subject_never_grows()
    {
        var mapper = new JobPrefixFieldMapper();
        var todo = PrivacyMapperTests.Todo();
        var external = mapper.ToExternal(todo, Context);
        var back = mapper.ToLeading(external, todo, Context)!;
        var again = mapper.ToExternal(todo with { Content = back }, Context);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(back.Subject, Is.EqualTo(todo.Content.Subject));
            Assert.That(again.Subject, Is.EqualTo(external.Subject));
            Assert.That(back.Reminder, Is.EqualTo(todo.Content.Reminder), "reminders never flow back (R-NOTE-3)");
        }
    }

    [Test]
    public void An_external_edit_of_the_subject_flows_back_without_the_prefix()
    {
        var mapper = new JobPrefixFieldMapper();
        var todo = PrivacyMapperTests.Todo();
        var edited = mapper.ToExternal(todo, Context) with { Subject = "[J-2026-041] Kick-off moved" };
        Assert.That(mapper.ToLeading(edited, todo, Context)!.Subject, Is.EqualTo("Kick-off moved"));
    }
}
