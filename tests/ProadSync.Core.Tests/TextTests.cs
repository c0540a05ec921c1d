using ProadSync.Core.Text;

namespace ProadSync.Core.Tests;

[TestFixture]
[Category("R-NOTE-1")]
public sealed class HtmlToTextTests
{
    private static string Convert(string html) => HtmlToText.Instance.ToPlainText(html);

    [TestCase("<p>one</p><p>two</p>", "one\n\ntwo")]
    [TestCase("a<br>b<br/>c", "a\nb\nc")]
    [TestCase("<ul><li>x</li><li>y</li></ul>", "- x\n- y")]
    [TestCase("<ol><li>first</li><li>second</li></ol>after", "- first\n- second\n\nafter")]
    [TestCase("see <a href=\"https://example.org/x\">the site</a>.", "see the site (https://example.org/x).")]
    [TestCase("<a href=\"https://example.org\">https://example.org</a>", "https://example.org")]
    [TestCase("<a href=\"mailto:a@b.de\">a@b.de</a>", "a@b.de")]
    [TestCase("Fish &amp; chips &lt;3 &euro;5&nbsp;each", "Fish & chips <3 €5 each")]
    [TestCase("<style>p{color:red}</style><script>alert(1)</script><p>visible</p>", "visible")]
    [TestCase("<html><head><title>T</title></head><body><div>a</div><div>b</div></body></html>", "a\nb")]
    [TestCase("  lots   of\n\n  white   space ", "lots of white space")]
    [TestCase("", "")]
    [TestCase("<p></p><p></p><p>only</p>", "only")]
    [TestCase("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc")]
    public void Converts(string html, string expected) => Assert.That(Convert(html), Is.EqualTo(expected));

    [Test]
    public void OutlookStyleHtml_BecomesReadable()
    {
        const string html = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>.MsoNormal{margin:0}</style></head>
            <body lang="DE"><div class="WordSection1"><p class="MsoNormal">Hallo Anna,<o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">bitte <b>Angebot</b> pr&uuml;fen.<o:p></o:p></p></div></body></html>
            """;

        Assert.That(Convert(html), Is.EqualTo("Hallo Anna,\n\nbitte Angebot prüfen."));
    }
}

[TestFixture]
[Category("R-NOTE-2")]
public sealed class DescriptionTextTests
{
    [TestCase("a\r\nb", "a\nb")]
    [TestCase("a\rb", "a\nb")]
    [TestCase("a  \nb\t\n\n", "a\nb")]
    [TestCase(null, "")]
    public void Normalize(string? text, string expected) => Assert.That(DescriptionText.Normalize(text), Is.EqualTo(expected));

    [TestCase("a\nb", "a\n\nb", true)]
    [TestCase("a\n\nb", "a\n\n\n\nb", true)]
    [TestCase("a\r\nb", "a\n\nb", true)]
    [TestCase("a\nb", "a b", false)]
    [TestCase("a", "a\n", true)]
    [TestCase(null, "", true)]
    public void Equivalence_FoldsDoubledLineBreaks(string? a, string? b, bool expected) =>
        Assert.That(DescriptionText.AreEquivalent(a, b), Is.EqualTo(expected));
}
