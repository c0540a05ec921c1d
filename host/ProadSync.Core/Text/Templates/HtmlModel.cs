using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Scriban.Runtime;

namespace ProadSync.Core.Text.Templates;

/// <summary>
/// Parses an HTML description with AngleSharp into the small tree an incoming template renders (SPEC R-NOTE-1).
/// </summary>
/// <remarks>
/// <para>The model is <c>{ blocks: [block] }</c>. Every block has <c>spaced</c>: whether a browser shows an empty line
/// around it (a plain <c>&lt;p&gt;</c>, a heading, a top-level list, <c>&lt;pre&gt;</c>; not Outlook's <c>MsoNormal</c>
/// paragraphs, <c>&lt;div&gt;</c>s, tables or nested lists). A block is one of
/// <c>{ type: "paragraph" | "heading", inlines }</c> (no inlines: a blank line),
/// <c>{ type: "list", ordered, items: [{ blocks }] }</c>, <c>{ type: "table", rows: [{ cells: [{ inlines }] }] }</c> and
/// <c>{ type: "preformatted", text }</c>. An inline is <c>{ type: "text" | "link" | "break", text, url }</c>; every
/// inline has all three keys (empty strings where they do not apply), and a link's <c>url</c> is empty when it would
/// only repeat its text.</para>
/// <para>HTML white space is collapsed, entities are decoded (the DOM does it), non-breaking spaces become spaces
/// (they keep indentation), and scripts, styles, comments, conditional comments, Office's <c>&lt;o:p&gt;</c> and Word's
/// hidden list glyphs are dropped. Word list paragraphs (<c>MsoListParagraph</c> with <c>mso-list: … levelN</c>)
/// become real nested lists.</para>
/// </remarks>
internal static partial class HtmlModel
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "meta", "link", "noscript", "template", "iframe", "object", "embed",
        "svg", "math", "img", "o:p", "xml", "button", "input", "select", "textarea", "canvas", "video", "audio",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "address", "dl", "dt", "dd", "form",
        "fieldset", "main", "nav", "aside", "figure", "figcaption", "center", "body", "html", "li", "tbody", "thead",
        "tfoot", "tr", "td", "th", "caption",
    };

    /// <summary>Builds the model of an HTML text.</summary>
    /// <param name="html">The HTML (a fragment or a whole document).</param>
    /// <returns>The model.</returns>
    public static ScriptObject Build(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var blocks = document.Body is { } body ? new BlockBuilder().BuildChildren(body) : new ScriptArray();
        var model = new ScriptObject { ["blocks"] = blocks };
        return model;
    }

    private static ScriptArray Arr(object? node, string key) => (ScriptArray)((ScriptObject)node!)[key]!;

    private static string Str(object? node, string key) => (string)((ScriptObject)node!)[key]!;

    internal static ScriptObject Inline(string type, string text, string url) => new()
    {
        ["type"] = type,
        ["text"] = text,
        ["url"] = url,
    };

    /// <summary>Collects the blocks of one container (the body, a list item, a table cell).</summary>
    private sealed class BlockBuilder
    {
        private readonly ScriptArray _blocks = new();
        private readonly List<(string Type, StringBuilder Text, string Url)> _inlines = new();
        private bool _lastWasSpace = true;
        private readonly bool _nested;
        private WordList? _wordList;

        public BlockBuilder(bool nested = false) => _nested = nested;

        public ScriptArray BuildChildren(INode parent)
        {
            VisitChildren(parent);
            Flush(explicitParagraph: false);
            return _blocks;
        }

        private void VisitChildren(INode parent)
        {
            foreach (var child in parent.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        AddText(text.Data);
                        break;
                    case IElement element:
                        VisitElement(element);
                        break;
                    default:
                        break; // comments (and Outlook's conditional comments) are dropped
                }
            }
        }

        private void VisitElement(IElement element)
        {
            var name = element.LocalName;
            if (Dropped.Contains(name) || name.Contains(':', StringComparison.Ordinal) || IsWordListGlyph(element))
            {
                return;
            }

            switch (name)
            {
                case "br":
                    _inlines.Add(("break", new StringBuilder(), string.Empty));
                    _lastWasSpace = true;
                    return;
                case "a":
                    AddLink(element);
                    return;
                case "ul":
                case "ol":
                    Flush(explicitParagraph: false);
                    AddBlock(BuildList(element, spaced: !_nested));
                    return;
                case "table":
                    Flush(explicitParagraph: false);
                    var table = BuildTable(element);
                    if (table is not null)
                    {
                        AddBlock(table);
                    }

                    return;
                case "pre":
                    Flush(explicitParagraph: false);
                    var pre = Normalize(element.TextContent).Trim('\n');
                    if (pre.Length > 0)
                    {
                        AddBlock(new ScriptObject { ["type"] = "preformatted", ["text"] = pre, ["spaced"] = true });
                    }

                    return;
                case "hr":
                    Flush(explicitParagraph: false);
                    return;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Flush(explicitParagraph: false);
                    VisitChildren(element);
                    Flush(explicitParagraph: false, type: "heading", spaced: true);
                    return;
                case "p" when IsWordListParagraph(element, out var level):
                    Flush(explicitParagraph: false);
                    AddWordListItem(element, level);
                    return;
                default:
                    break;
            }

            if (Blocks.Contains(name))
            {
                Flush(explicitParagraph: false);
                VisitChildren(element);
                Flush(explicitParagraph: name == "p", spaced: name == "p" && !IsOffice(element));
                return;
            }

            VisitChildren(element);
        }

        private void AddText(string data)
        {
            var collapsed = new StringBuilder(data.Length);
            foreach (var c in data)
            {
                if (c is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    if (!_lastWasSpace)
                    {
                        collapsed.Append(' ');
                        _lastWasSpace = true;
                    }
                }
                else
                {
                    // A non-breaking space stays a space that is not collapsed (Outlook indents with it).
                    collapsed.Append(c == '\u00A0' ? '\u00A0' : c);
                    _lastWasSpace = false;
                }
            }

            if (collapsed.Length == 0)
            {
                return;
            }

            if (_inlines.Count > 0 && _inlines[^1].Type == "text")
            {
                _inlines[^1].Text.Append(collapsed);
            }
            else
            {
                _inlines.Add(("text", collapsed, string.Empty));
            }
        }

        private void AddLink(IElement element)
        {
            var text = Normalize(CollapseSpaces(FlatText(element))).Trim();
            var href = (element.GetAttribute("href") ?? string.Empty).Trim();
            if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || string.Equals(href, text, StringComparison.Ordinal)
                || string.Equals(href, "mailto:" + text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(href.TrimEnd('/'), text.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                href = string.Empty;
            }

            if (text.Length == 0 && href.Length == 0)
            {
                return;
            }

            if (!_lastWasSpace && _inlines.Count > 0 && StartsWithSpace(element))
            {
                AddText(" ");
            }

            _inlines.Add(("link", new StringBuilder(text), href));
            _lastWasSpace = false;
        }

        private static bool StartsWithSpace(IElement element) =>
            element.TextContent.Length > 0 && char.IsWhiteSpace(element.TextContent[0]);

        /// <summary>Ends the paragraph being collected (if any) and adds it as a block.</summary>
        private void Flush(bool explicitParagraph, string type = "paragraph", bool spaced = false)
        {
            var inlines = Clean();
            _inlines.Clear();
            _lastWasSpace = true;
            var hadBreak = inlines.Count > 0 && inlines.TrueForAll(i => i.Type == "break");

            // A block's last line break shows no empty line in a browser, unless it is all the block holds.
            while (inlines.Count > 0 && inlines[^1].Type == "break")
            {
                inlines.RemoveAt(inlines.Count - 1);
            }

            if (inlines.Count == 0 && !explicitParagraph && !hadBreak)
            {
                return;
            }

            var array = new ScriptArray();
            foreach (var (kind, text, url) in inlines)
            {
                array.Add(Inline(kind, text.ToString(), url));
            }

            // An empty paragraph is a blank line of its own; it needs no margin around it.
            AddBlock(new ScriptObject { ["type"] = type, ["inlines"] = array, ["spaced"] = spaced && array.Count > 0 });
        }

        private void AddBlock(ScriptObject block)
        {
            _wordList = null;
            _blocks.Add(block);
        }

        /// <summary>Trims spaces at the ends of each line and drops empty text inlines.</summary>
        private List<(string Type, StringBuilder Text, string Url)> Clean()
        {
            var result = new List<(string Type, StringBuilder Text, string Url)>();
            for (var i = 0; i < _inlines.Count; i++)
            {
                var (type, text, url) = _inlines[i];
                if (type == "text")
                {
                    var value = text.ToString();
                    var atLineStart = result.Count == 0 || result[^1].Type == "break";
                    var atLineEnd = i == _inlines.Count - 1 || _inlines[i + 1].Type == "break";
                    if (atLineStart)
                    {
                        value = value.TrimStart(' ');
                    }

                    if (atLineEnd)
                    {
                        value = value.TrimEnd(' ', '\u00A0');
                    }

                    if (value.Trim(' ', '\u00A0').Length == 0 && (atLineStart || atLineEnd))
                    {
                        continue;
                    }

                    result.Add((type, new StringBuilder(value.Replace('\u00A0', ' ')), url));
                }
                else
                {
                    result.Add((type, text, url));
                }
            }

            return result;
        }

        /// <summary>Word's paragraphs (class Mso…) have no margins; a browser's plain &lt;p&gt; has.</summary>
        private static bool IsOffice(IElement element) =>
            (element.GetAttribute("class") ?? string.Empty).StartsWith("Mso", StringComparison.OrdinalIgnoreCase);

        private static ScriptObject BuildList(IElement list, bool spaced)
        {
            var items = new ScriptArray();
            foreach (var child in list.Children)
            {
                if (child.LocalName is "ul" or "ol" && items.Count > 0)
                {
                    // A list nested directly in a list (as some editors write it) belongs to the item before it.
                    Arr(items[^1], "blocks").Add(BuildList(child, spaced: false));
                    continue;
                }

                var blocks = new BlockBuilder(nested: true).BuildChildren(child);
                if (blocks.Count > 0)
                {
                    items.Add(new ScriptObject { ["blocks"] = blocks });
                }
            }

            return new ScriptObject
            {
                ["type"] = "list",
                ["ordered"] = string.Equals(list.LocalName, "ol", StringComparison.OrdinalIgnoreCase),
                ["items"] = items,
                ["spaced"] = spaced,
            };
        }

        private static ScriptObject? BuildTable(IElement element)
        {
            var rows = new ScriptArray();
            if (element is IHtmlTableElement table)
            {
                foreach (var row in table.Rows)
                {
                    var cells = new ScriptArray();
                    var any = false;
                    foreach (var cell in row.Cells)
                    {
                        var inlines = FlattenToInlines(new BlockBuilder(nested: true).BuildChildren(cell));
                        any |= inlines.Count > 0;
                        cells.Add(new ScriptObject { ["inlines"] = inlines });
                    }

                    if (any)
                    {
                        rows.Add(new ScriptObject { ["cells"] = cells });
                    }
                }
            }

            return rows.Count == 0 ? null : new ScriptObject { ["type"] = "table", ["rows"] = rows, ["spaced"] = false };
        }

        /// <summary>A table cell is one line: its paragraphs' inlines joined by spaces, nested structures as text.</summary>
        private static ScriptArray FlattenToInlines(ScriptArray blocks)
        {
            var result = new ScriptArray();
            foreach (var block in blocks.OfType<ScriptObject>())
            {
                if (result.Count > 0)
                {
                    result.Add(Inline("text", " ", string.Empty));
                }

                if (block["inlines"] is ScriptArray inlines)
                {
                    foreach (var inline in inlines.OfType<ScriptObject>())
                    {
                        result.Add(Str(inline, "type") == "break" ? Inline("text", " ", string.Empty) : inline);
                    }
                }
                else
                {
                    result.Add(Inline("text", FlatBlockText(block), string.Empty));
                }
            }

            return result;
        }

        private static string FlatBlockText(ScriptObject block) => block["type"] switch
        {
            "preformatted" => Str(block, "text"),
            "list" => string.Join(' ', (Arr(block, "items")).OfType<ScriptObject>()
                .SelectMany(i => (Arr(i, "blocks")).OfType<ScriptObject>()).Select(FlatBlockText)),
            "table" => string.Join(' ', (Arr(block, "rows")).OfType<ScriptObject>()
                .SelectMany(r => (Arr(r, "cells")).OfType<ScriptObject>())
                .SelectMany(c => (Arr(c, "inlines")).OfType<ScriptObject>()).Select(i => Str(i, "text"))),
            _ => string.Join(' ', (Arr(block, "inlines")).OfType<ScriptObject>().Select(i => Str(i, "text"))),
        };

        // ---- Word list paragraphs ----------------------------------------------------------------------------

        private static bool IsWordListParagraph(IElement element, out int level)
        {
            level = 1;
            var cls = element.GetAttribute("class") ?? string.Empty;
            if (!cls.Contains("MsoListParagraph", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var match = WordListLevel().Match(element.GetAttribute("style") ?? string.Empty);
            if (match.Success)
            {
                level = Math.Clamp(int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), 1, 9);
            }

            return true;
        }

        private static bool IsWordListGlyph(IElement element)
        {
            var style = element.GetAttribute("style");
            return style is not null && WordListIgnore().IsMatch(style);
        }

        private void AddWordListItem(IElement paragraph, int level)
        {
            var glyph = paragraph.QuerySelectorAll("[style]").FirstOrDefault(IsWordListGlyph)?.TextContent.Trim() ?? string.Empty;
            var ordered = OrderedGlyph().IsMatch(glyph);
            var item = new ScriptObject { ["blocks"] = new BlockBuilder(nested: true).BuildChildren(paragraph) };
            if (_wordList is null)
            {
                var top = NewList(ordered);
                _blocks.Add(top);
                _wordList = new WordList();
                _wordList.Stack.Add(top);
            }

            var stack = _wordList.Stack;
            while (stack.Count > level)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            while (stack.Count < level)
            {
                // A deeper level nests in the last item of the level above (or in a new item when there is none).
                var parentItems = Arr(stack[^1], "items");
                if (parentItems.Count == 0)
                {
                    parentItems.Add(new ScriptObject { ["blocks"] = new ScriptArray() });
                }

                var nested = NewList(ordered);
                Arr(parentItems[^1], "blocks").Add(nested);
                stack.Add(nested);
            }

            (Arr(stack[^1], "items")).Add(item);
        }

        private static ScriptObject NewList(bool ordered) => new()
        {
            ["type"] = "list",
            ["ordered"] = ordered,
            ["items"] = new ScriptArray(),
            ["spaced"] = false,
        };

        private sealed class WordList
        {
            public List<ScriptObject> Stack { get; } = new();
        }
    }

    private static string FlatText(INode node)
    {
        var builder = new StringBuilder();
        Collect(node, builder);
        return builder.ToString();

        static void Collect(INode node, StringBuilder builder)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    builder.Append(text.Data);
                }
                else if (child is IElement element && !Dropped.Contains(element.LocalName) && !element.LocalName.Contains(':', StringComparison.Ordinal))
                {
                    if (element.LocalName == "br")
                    {
                        builder.Append(' ');
                    }

                    Collect(element, builder);
                }
            }
        }
    }

    private static string CollapseSpaces(string text) => WhiteSpace().Replace(text, " ");

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\u00A0', ' ');

    [GeneratedRegex(@"level(\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WordListLevel();

    [GeneratedRegex(@"mso-list\s*:\s*ignore", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WordListIgnore();

    [GeneratedRegex(@"^(\d+|[a-zA-Z]|[ivxIVX]+)[.)]$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OrderedGlyph();

    [GeneratedRegex(@"[ \t\r\n\f]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhiteSpace();
}
