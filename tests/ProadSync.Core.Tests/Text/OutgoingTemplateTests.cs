using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Mapping;
using ProadSync.Core.Text;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Tests.Text;

/// <summary>The outgoing template renders the external description; what it adds never flows back (SPEC R-NOTE-2).</summary>
[TestFixture]
public sealed class OutgoingTemplateTests
{
    private static readonly FieldMappingContext Plain = new("Demo", "caldav");
    private static readonly FieldMappingContext WithFooter = Plain with { Options = new Dictionary<string, string> { ["footer"] = "job" } };

    private static LeadingTodo Todo(string? description = "Agenda:\n- budget\n\nBring the offer.") => new(
        42,
        new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = "Kick-off",
            Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 3, 10, 10, 30, 0, TimeSpan.FromHours(1)),
            Description = description,
        })
    {
        ProjectNumber = "J-2026-041",
        ProjectName = "Relaunch",
    };

    [Test]
    public void Default_sends_the_comment_as_it_is()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(OutgoingDescriptionTemplate.BuiltIn.Render(Todo(), Plain), Is.EqualTo(Todo().Content.Description));
            Assert.That(OutgoingDescriptionTemplate.BuiltIn.Render(Todo(null), Plain), Is.Null);
        }
    }

    [Test]
    public void Footer_option_adds_the_job_data()
    {
        Assert.That(OutgoingDescriptionTemplate.BuiltIn.Render(Todo(), WithFooter),
            Is.EqualTo("Agenda:\n- budget\n\nBring the offer.\n\n--\nJob J-2026-041: Relaunch"));
    }

    [TestCase("Agenda:\n- budget\n\nBring the offer.")]
    [TestCase(null)]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_the_footer_never_flows_back_so_the_comment_never_grows(string? description)
    {
        var mapper = new DefaultFieldMapper(new DescriptionTemplates(null));
        var todo = Todo(description);
        var current = todo;
        for (var round = 0; round < 3; round++)
        {
            var external = mapper.ToExternal(current, WithFooter);
            var back = mapper.ToLeading(external, current, WithFooter)!;
            Assert.That(back.Description, Is.EqualTo(description), $"round {round}");
            current = current with { Content = back };
        }
    }

    [Test]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_an_external_edit_of_the_comment_flows_back_without_the_footer()
    {
        var templates = new DescriptionTemplates(null);
        var mapper = new DefaultFieldMapper(templates);
        var external = mapper.ToExternal(Todo(), WithFooter);
        var edited = external with { Description = external.Description!.Replace("Bring the offer.", "Bring the signed offer.", StringComparison.Ordinal) };
        Assert.That(mapper.ToLeading(edited, Todo(), WithFooter)!.Description, Is.EqualTo("Agenda:\n- budget\n\nBring the signed offer."));
    }

    [Test]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_a_server_that_doubled_the_line_breaks_keeps_the_leading_comment()
    {
        var mapper = new DefaultFieldMapper(new DescriptionTemplates(null));
        var external = mapper.ToExternal(Todo(), WithFooter);
        var doubled = external with { Description = external.Description!.Replace("\n", "\r\n\r\n", StringComparison.Ordinal) };
        Assert.That(mapper.ToLeading(doubled, Todo(), WithFooter)!.Description, Is.EqualTo(Todo().Content.Description));
    }

    [Test]
    public void An_admin_template_shapes_the_description_per_database()
    {
        var root = Path.Combine(Path.GetTempPath(), "proadsync-outgoing-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Demo"));
            File.WriteAllText(Path.Combine(root, "Demo", "outgoing.scriban"), "{{ subject | string.upcase }} ({{ project.number }}, {{ start }})\n{{ description }}");
            var mapper = new DefaultFieldMapper(new DescriptionTemplates(root));
            var external = mapper.ToExternal(Todo("Notes"), Plain);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(external.Description, Is.EqualTo("KICK-OFF (J-2026-041, 2026-03-10 09:30)\nNotes"));
                Assert.That(mapper.ToLeading(external with { Description = "KICK-OFF (J-2026-041, 2026-03-10 09:30)\nNew notes" }, Todo("Notes"), Plain)!.Description, Is.EqualTo("New notes"));
                Assert.That(DescriptionText.AreEquivalent(mapper.ToLeading(external, Todo("Notes"), Plain)!.Description, "Notes"), Is.True);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Without_templates_the_default_mapper_behaves_as_before()
    {
        var mapper = new DefaultFieldMapper();
        var external = mapper.ToExternal(Todo(), WithFooter);
        Assert.That(external.Description, Is.EqualTo(Todo().Content.Description));
    }
}
