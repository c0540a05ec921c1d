using System.Net;
using System.Text;
using ProadSync.Core.Text;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Tests.Text;

/// <summary>
/// Real-world-shaped HTML descriptions (TestData/Html/*.html) and the plain text the built-in incoming template must
/// make of them (the .txt beside each file).
/// </summary>
[TestFixture]
public sealed class HtmlCorpusTests
{
    private static string CorpusFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Html");

    public static IEnumerable<TestCaseData> Corpus()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Html");
        foreach (var html in Directory.GetFiles(folder, "*.html").Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.GetFileNameWithoutExtension(html)).SetName($"Corpus_{Path.GetFileNameWithoutExtension(html)}");
        }
    }

    private static string Html(string name) => File.ReadAllText(Path.Combine(CorpusFolder, name + ".html"), Encoding.UTF8);

    private static string Golden(string name) =>
        File.ReadAllText(Path.Combine(CorpusFolder, name + ".txt"), Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    [Test]
    public void The_corpus_is_there()
    {
        Assert.That(Corpus().Count(), Is.GreaterThanOrEqualTo(9));
    }

    [TestCaseSource(nameof(Corpus))]
    [Category("R-NOTE-1")]
    public void R_NOTE_1_html_becomes_the_golden_plain_text(string name)
    {
        var text = TemplateDescriptionConverter.BuiltIn.ToPlainText(Html(name));
        Assert.That(text, Is.EqualTo(Golden(name)));
    }

    [TestCaseSource(nameof(Corpus))]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_text_sent_out_and_returned_as_Outlook_html_comes_back_identical(string name)
    {
        var converter = TemplateDescriptionConverter.BuiltIn;
        var text = converter.ToPlainText(Html(name));
        var again = converter.ToPlainText(AsOutlookHtml(text));
        Assert.That(again, Is.EqualTo(text));
    }

    [TestCaseSource(nameof(Corpus))]
    [Category("R-NOTE-2")]
    public void R_NOTE_2_a_server_that_doubles_line_breaks_causes_no_change_and_no_growth(string name)
    {
        var converter = TemplateDescriptionConverter.BuiltIn;
        var text = converter.ToPlainText(Html(name));
        var back = converter.ToPlainText(AsOutlookHtml(text.Replace("\n", "\n\n", StringComparison.Ordinal)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(DescriptionText.AreEquivalent(back, text), Is.True, "the same text for change detection");
            Assert.That(DescriptionText.Fold(back).Length, Is.LessThanOrEqualTo(DescriptionText.Fold(text).Length));
            Assert.That(converter.ToPlainText(AsOutlookHtml(back)), Is.EqualTo(back), "stable from then on");
        }
    }

    [Test]
    [Category("R-NOTE-1")]
    public void Empty_and_blank_html_give_empty_text()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TemplateDescriptionConverter.BuiltIn.ToPlainText(""), Is.Empty);
            Assert.That(TemplateDescriptionConverter.BuiltIn.ToPlainText("<html><body><p>&nbsp;</p><o:p></o:p></body></html>"), Is.Empty);
        }
    }

    [Test]
    [Category("R-NOTE-1")]
    public void Plain_text_without_tags_stays_as_it_is_on_one_line()
    {
        Assert.That(TemplateDescriptionConverter.BuiltIn.ToPlainText("Just text & more"), Is.EqualTo("Just text & more"));
    }

    /// <summary>What Outlook makes of a plain-text body: one MsoNormal paragraph per line, leading spaces as &amp;nbsp;.</summary>
    internal static string AsOutlookHtml(string text)
    {
        var html = new StringBuilder("<html><head><style>p.MsoNormal{margin:0cm}</style></head><body><div class=WordSection1>\r\n");
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                html.Append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>\r\n");
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var body = WebUtility.HtmlEncode(line.TrimStart(' ')).Replace("  ", " &nbsp;", StringComparison.Ordinal);
            html.Append("<p class=MsoNormal>").Append(string.Concat(Enumerable.Repeat("&nbsp;", indent))).Append(body).Append("<o:p></o:p></p>\r\n");
        }

        return html.Append("</div></body></html>").ToString();
    }
}
