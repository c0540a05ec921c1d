using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Tests.Text;

/// <summary>Admin overrides of the description templates: loading, validation, fallback and the sandbox.</summary>
[TestFixture]
public sealed class DescriptionTemplateTests
{
    private const string Html = "<p class=MsoNormal>See <a href='https://example.org/x'>docs</a><o:p></o:p></p><ul><li>one</li></ul>";

    private string _root = string.Empty;

    [SetUp]
    public void MakeRoot() => _root = Path.Combine(Path.GetTempPath(), "proadsync-templates-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Write(string database, string file, string text)
    {
        var folder = Path.Combine(_root, database);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Without_overrides_the_built_in_templates_are_used()
    {
        var set = new DescriptionTemplates(_root).ForDatabase("Demo");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Problems, Is.Empty);
            Assert.That(set.Incoming.TemplateName, Is.EqualTo("built-in:incoming.scriban"));
            Assert.That(set.Outgoing.TemplateName, Is.EqualTo("built-in:outgoing.scriban"));
            Assert.That(set.Incoming.ToPlainText(Html), Is.EqualTo("See docs (https://example.org/x)\n\n- one"));
        }
    }

    [Test]
    [Category("R-NOTE-1")]
    public void An_override_changes_the_rendering_for_its_database_only()
    {
        // The built-in template with other link and bullet styles.
        var custom = DescriptionTemplate.BuiltInText("incoming.scriban")
            .Replace("$x.text + \" (\" + $x.url + \")\"", "$x.text + \" <\" + $x.url + \">\"", StringComparison.Ordinal)
            .Replace("$marker = \"- \"", "$marker = \"* \"", StringComparison.Ordinal);
        var path = Write("demo", "incoming.scriban", custom);
        var templates = new DescriptionTemplates(_root);

        var demo = templates.ForDatabase("Demo");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(demo.Problems, Is.Empty);
            Assert.That(demo.Incoming.TemplateName, Is.EqualTo(path));
            Assert.That(demo.Incoming.ToPlainText(Html), Is.EqualTo("See docs <https://example.org/x>\n\n* one"));
            Assert.That(templates.ForDatabase("Other").Incoming.ToPlainText(Html), Is.EqualTo("See docs (https://example.org/x)\n\n- one"));
        }
    }

    [Test]
    public void A_template_that_does_not_parse_is_reported_with_file_line_and_column_and_the_built_in_one_is_used()
    {
        var path = Write("Demo", "incoming.scriban", "first line\n{{ for x in blocks }}\n  {{ x.type \n");
        var set = new DescriptionTemplates(_root).ForDatabase("Demo");

        Assert.That(set.Problems, Has.Count.EqualTo(1));
        var problem = set.Problems[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.File, Is.EqualTo(path));
            Assert.That(problem.Line, Is.GreaterThanOrEqualTo(2));
            Assert.That(problem.Column, Is.GreaterThan(0));
            Assert.That(problem.ToString(), Does.StartWith($"{path}({problem.Line},{problem.Column}): "));
            Assert.That(set.Incoming.TemplateName, Is.EqualTo("built-in:incoming.scriban"));
            Assert.That(set.Incoming.ToPlainText(Html), Is.EqualTo("See docs (https://example.org/x)\n\n- one"));
        }
    }

    [Test]
    public void A_template_that_fails_when_it_runs_is_rejected_when_loaded_with_its_place()
    {
        // Unknown members are errors (relaxed member access is off), not silently empty.
        Write("Demo", "outgoing.scriban", "{{ description }}\n{{ project.secret_field }}");
        var set = new DescriptionTemplates(_root).ForDatabase("Demo");

        Assert.That(set.Problems, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Problems[0].Line, Is.EqualTo(2));
            Assert.That(set.Problems[0].Column, Is.GreaterThan(0));
            Assert.That(set.Outgoing.TemplateName, Is.EqualTo("built-in:outgoing.scriban"));
        }
    }

    [Test]
    public void A_fixed_file_is_picked_up_without_a_restart()
    {
        var path = Write("Demo", "outgoing.scriban", "{{ broken");
        var templates = new DescriptionTemplates(_root);
        Assert.That(templates.ForDatabase("Demo").Problems, Has.Count.EqualTo(1));

        File.WriteAllText(path, "[{{ description }}]");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        var set = templates.ForDatabase("Demo");
        Assert.That((set.Problems.Count, set.Outgoing.TemplateName), Is.EqualTo((0, path)));
    }

    [Test]
    public void A_database_name_cannot_reach_outside_the_templates_folder()
    {
        Write("x", "incoming.scriban", "{{ 'escaped' }}");
        var set = new DescriptionTemplates(Path.Combine(_root, "sub")).ForDatabase("../x");
        Assert.That(set.Incoming.TemplateName, Is.EqualTo("built-in:incoming.scriban"));
    }

    [TestCase("{{ include 'other.scriban' }}", TestName = "Sandbox_no_template_loader_so_no_file_access")]
    [TestCase("{{ for i in 1..10000000 }}{{ end }}", TestName = "Sandbox_loop_limit")]
    [TestCase("{{ func f(n)\n ret f(n + 1)\nend\nf(1) }}", TestName = "Sandbox_recursion_limit")]
    [TestCase("{{ blocks.no_such_member }}", TestName = "Sandbox_no_relaxed_member_access")]
    [TestCase("{{ undefined_variable }}", TestName = "Sandbox_strict_variables")]
    public void Sandbox_violations_fail_with_a_problem(string text)
    {
        var template = DescriptionTemplate.Parse(text, "t.scriban");
        var ex = Assert.Throws<DescriptionTemplateException>(() => template.Render(new Scriban.Runtime.ScriptObject { ["blocks"] = new Scriban.Runtime.ScriptArray() }));
        Assert.That(ex!.Problem, Is.Not.Null);
        Assert.That(ex.Problem!.File, Is.EqualTo("t.scriban"));
    }

    [Test]
    public void Sandbox_time_limit_stops_a_render()
    {
        var limits = new DescriptionTemplateLimits { Timeout = TimeSpan.Zero, LoopLimit = 0 };
        var template = DescriptionTemplate.Parse("{{ for i in 1..100 }}{{ i }}{{ end }}", "slow.scriban", limits);
        var ex = Assert.Throws<DescriptionTemplateException>(() => template.Render(new Scriban.Runtime.ScriptObject()));
        Assert.That(ex!.Message, Does.Contain("slow.scriban").And.Contain("ran longer"));
    }

    [Test]
    public void A_template_that_fails_on_one_description_falls_back_to_the_built_in_one_for_it()
    {
        // Valid on the load-time sample, but fails on a body with three lists (an error the admin could not foresee).
        var template = DescriptionTemplate.Parse(
            "{{ n = 0 }}{{ for b in blocks }}{{ if b.type == 'list' }}{{ n = n + 1 }}{{ end }}{{ end }}{{ if n > 2 }}{{ blocks[0].no_such_member }}{{ end }}custom",
            "fragile.scriban");
        var converter = new TemplateDescriptionConverter(template);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(converter.ToPlainText("<p>x</p>"), Is.EqualTo("custom"));
            Assert.That(converter.ToPlainText("<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul>"), Is.EqualTo("- a\n\n- b\n\n- c"));
        }
    }
}
