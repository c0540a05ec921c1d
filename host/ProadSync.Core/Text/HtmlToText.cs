using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ProadSync.Core.Text;

/// <summary>
/// Converts HTML descriptions (Outlook, web clients) to readable plain text (SPEC R-NOTE-1): block elements and
/// <c>&lt;br&gt;</c> become line breaks, list items start with "- ", links read "text (url)", entities are decoded and
/// scripts and styles are dropped.
/// </summary>
public sealed class HtmlToText : IDescriptionConverter
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table", "tr", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "address", "hr", "dl", "dt", "dd", "form", "fieldset", "main", "nav",
    };

    private static readonly HashSet<string> DroppedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "meta", "link", "noscript", "template", "iframe", "object",
    };

    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>A shared instance (the converter is stateless and thread-safe per call).</summary>
    public static HtmlToText Instance { get; } = new();

    /// <inheritdoc />
    public string ToPlainText(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        IDocument document;
        lock (_parser)
        {
            document = _parser.ParseDocument(html);
        }

        using (document)
        {
            var builder = new StringBuilder();
            if (document.Body is { } body)
            {
                Walk(body, builder);
            }

            return DescriptionText.Normalize(CollapseBlankLines(builder.ToString()));
        }
    }

    private static void Walk(INode node, StringBuilder output)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AppendText(output, text.Data);
                    break;
                case IElement element:
                    AppendElement(element, output);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AppendElement(IElement element, StringBuilder output)
    {
        var name = element.LocalName;
        if (DroppedElements.Contains(name))
        {
            return;
        }

        switch (name)
        {
            case "br":
                output.Append('\n');
                return;
            case "li":
                EnsureLineStart(output);
                output.Append("- ");
                Walk(element, output);
                EnsureLineStart(output);
                return;
            case "a":
                var before = output.Length;
                Walk(element, output);
                var text = output.ToString(before, output.Length - before).Trim();
                var href = element.GetAttribute("href")?.Trim();
                if (!string.IsNullOrEmpty(href) && !href.StartsWith('#') && !string.Equals(text, href, StringComparison.Ordinal)
                    && !string.Equals("mailto:" + text, href, StringComparison.OrdinalIgnoreCase))
                {
                    output.Append(text.Length == 0 ? href : $" ({href})");
                }

                return;
            case "td":
            case "th":
                Walk(element, output);
                output.Append(' ');
                return;
            default:
                break;
        }

        if (BlockElements.Contains(name))
        {
            EnsureLineStart(output);
            Walk(element, output);
            EnsureLineStart(output);
            if (name is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table" or "blockquote" or "ul" or "ol")
            {
                output.Append('\n');
            }

            return;
        }

        Walk(element, output);
    }

    private static void AppendText(StringBuilder output, string data)
    {
        // HTML white space collapses to single spaces; the DOM already decoded the entities.
        var collapsed = new StringBuilder(data.Length);
        var lastWasSpace = output.Length == 0 || output[^1] is ' ' or '\n';
        foreach (var c in data)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (!lastWasSpace)
                {
                    collapsed.Append(' ');
                    lastWasSpace = true;
                }
            }
            else
            {
                collapsed.Append(c == '\u00A0' ? ' ' : c);
                lastWasSpace = false;
            }
        }

        output.Append(collapsed);
    }

    private static void EnsureLineStart(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] == ' ')
        {
            output.Length--;
        }

        if (output.Length > 0 && output[^1] != '\n')
        {
            output.Append('\n');
        }
    }

    private static string CollapseBlankLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Length == 0 && result.Count > 0 && result[^1].Length == 0)
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join('\n', result);
    }
}
