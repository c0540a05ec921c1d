using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Tests.Text;

/// <summary>The description templates in real runs of the engine.</summary>
[TestFixture]
public sealed class EngineTemplateTests
{
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-NOTE-1")]
    public async Task R_NOTE_1_a_database_incoming_template_converts_external_html(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var custom = DescriptionTemplate.BuiltInText("incoming.scriban")
            .Replace("$x.text + \" (\" + $x.url + \")\"", "$x.text + \" <\" + $x.url + \">\"", StringComparison.Ordinal);
        h.DescriptionConverter = new TemplateDescriptionConverter(DescriptionTemplate.Parse(custom, "demo/incoming.scriban"));
        var todo = await h.AddAppointmentAsync("meeting");
        await h.RunTwiceAsync();
        h.Calendar.EditExternally(h.SingleExternalOf(todo.Id).Id, c => c with
        {
            Description = "<p class=MsoNormal>See <a href=\"https://example.org/x\">docs</a><o:p></o:p></p>",
            DescriptionFormat = DescriptionFormat.Html,
        });

        await h.RunTwiceAsync();

        Assert.That((await h.GetAsync(todo.Id))!.Content.Description, Is.EqualTo("See docs <https://example.org/x>"));
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-NOTE-2")]
    public async Task R_NOTE_2_the_outgoing_footer_reaches_the_target_and_never_grows_the_comment(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        h.Calendar.DoubleLineBreaks = true;
        h.Mapper = new DefaultFieldMapper(new DescriptionTemplates(null));
        h.MapperOptions = new Dictionary<string, string> { ["footer"] = "job" };
        var todo = await h.Leading.AddTodoAsync(
            new TodoDraft(h.UserId, SyncHarness.Appointment("Kick-off", h.Now.AddDays(1)) with { Description = "line one\nline two" })
            {
                ProjectNumber = "J-2026-041",
                ProjectName = "Relaunch",
            },
            CancellationToken.None);

        await h.RunTwiceAsync();
        await h.RunTwiceAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(h.SingleExternalOf(todo.Id).Content.Description, Does.Contain("Job J-2026-041: Relaunch"));
            Assert.That((await h.GetAsync(todo.Id))!.Content.Description, Is.EqualTo("line one\nline two"));
        }
    }
}
