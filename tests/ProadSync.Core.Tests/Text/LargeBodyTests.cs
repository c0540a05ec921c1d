using System.Text;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Tests.Text;

/// <summary>Long real-world bodies (long mail threads, big tables) are rendered by the template, not by the last-resort fallback.</summary>
[TestFixture]
public sealed class LargeBodyTests
{
    [Test]
    [Category("R-NOTE-1")]
    public void A_long_thread_with_a_big_table_stays_within_the_built_in_limits()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 1500; i++)
        {
            html.Append("<p class=MsoNormal>Paragraph ").Append(i).Append(" with <a href='https://example.org/").Append(i).Append("'>a link</a> and <b>bold</b> text.<o:p></o:p></p>");
        }

        html.Append("<table>");
        for (var r = 0; r < 300; r++)
        {
            html.Append("<tr><td>").Append(r).Append("</td><td>cell</td><td>more</td></tr>");
        }

        html.Append("</table><ul>");
        for (var i = 0; i < 300; i++)
        {
            html.Append("<li>item ").Append(i).Append("</li>");
        }

        html.Append("</ul></body></html>");
        var logger = new CountingLogger();
        var converter = new TemplateDescriptionConverter(null, logger: logger);

        var text = converter.ToPlainText(html.ToString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logger.Warnings, Is.Zero, "the built-in template must not fall back on a long body");
            Assert.That(text, Does.StartWith("Paragraph 0 with a link (https://example.org/0) and bold text.\n"));
            Assert.That(text, Does.Contain("\n1499 | cell | more\n").Or.Contain("\n299 | cell | more\n"));
            Assert.That(text, Does.EndWith("\n- item 299"));
            Assert.That(text.Split('\n'), Has.Length.EqualTo(1500 + 300 + 1 + 300));
        }
    }

    private sealed class CountingLogger : ILogger
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings++;
                TestContext.Out.WriteLine(formatter(state, exception));
            }
        }
    }
}
