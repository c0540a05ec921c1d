using System.Text;
using ProadSync.Abstractions.Models;

namespace ProadSync.VCard;

/// <summary>
/// Reads the exported contact fields back from a vCard 3.0 (or 4.0/2.1 as far as the same properties go): unfolds
/// lines, unescapes text, accepts <c>TYPE=a,b</c> and repeated <c>TYPE</c> parameters in any case.
/// </summary>
public static class VCardReader
{
    /// <summary>Reads the first vCard in <paramref name="text"/>.</summary>
    /// <param name="text">The vCard text.</param>
    /// <returns>The UID and the fields.</returns>
    /// <exception cref="VCardFormatException">The text holds no BEGIN:VCARD … END:VCARD block.</exception>
    public static VCardObject Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Unfold(text);
        var begin = lines.FindIndex(l => l.Equals("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase));
        var end = lines.FindIndex(l => l.Equals("END:VCARD", StringComparison.OrdinalIgnoreCase));
        if (begin < 0 || end < begin)
        {
            throw new VCardFormatException("The text is not a vCard: BEGIN:VCARD or END:VCARD is missing.");
        }

        string? uid = null, first = null, last = null, fn = null, org = null, title = null, url = null, tag = null;
        string? street = null, city = null, postcode = null, country = null;
        string? prefVoice = null, mobile = null, fax = null, prefMail = null;
        var voices = new List<string>();
        var mails = new List<string>();
        var adrSeen = false;
        for (var i = begin + 1; i < end; i++)
        {
            if (!TryParse(lines[i], out var name, out var types, out var value))
            {
                continue;
            }

            switch (name)
            {
                case "UID": uid = Unescape(value); break;
                case "FN": fn = Unescape(value); break;
                case "N":
                    var n = SplitStructured(value);
                    last = Part(n, 0);
                    first = Part(n, 1);
                    break;
                case "ORG":
                    // We write one component; servers that rewrite vCards (Radicale) may turn an escaped ';' into a
                    // component separator (DAViCal stores "Co; KG" for an escaped "Co\\; KG"), so the components are joined again.
                    var o = string.Join(";", SplitStructured(value).Where(p => p.Length > 0));
                    org = o.Length > 0 ? o : null;
                    break;
                case "TITLE": title = Unescape(value); break;
                case "URL": url = Unescape(value); break;
                case "X-PROAD-ID": tag = Unescape(value); break;
                case "ADR":
                    if (adrSeen && !types.Contains("WORK"))
                    {
                        break;
                    }

                    adrSeen = adrSeen || types.Contains("WORK");
                    var a = SplitStructured(value);
                    street = Part(a, 2);
                    city = Part(a, 3);
                    postcode = Part(a, 5);
                    country = Part(a, 6);
                    break;
                case "TEL":
                    var number = Unescape(value);
                    if (types.Contains("FAX"))
                    {
                        fax ??= number;
                    }
                    else if (types.Contains("CELL"))
                    {
                        mobile ??= number;
                    }
                    else if (types.Contains("PREF") && prefVoice is null)
                    {
                        prefVoice = number;
                    }
                    else
                    {
                        voices.Add(number);
                    }

                    break;
                case "EMAIL":
                    var mail = Unescape(value);
                    if (types.Contains("PREF") && prefMail is null)
                    {
                        prefMail = mail;
                    }
                    else
                    {
                        mails.Add(mail);
                    }

                    break;
            }
        }

        var (phone1, phone2) = FirstTwo(prefVoice, voices);
        var (email1, email2) = FirstTwo(prefMail, mails);
        if (first is null && last is null && fn is not null && fn != "." && fn != org)
        {
            last = fn;
        }

        return new VCardObject(uid, new ContactData
        {
            FirstName = first,
            LastName = last,
            Company = org,
            Function = title,
            Street = street,
            Postcode = postcode,
            City = city,
            Country = country,
            Phone1 = phone1,
            Phone2 = phone2,
            Mobile = mobile,
            Fax = fax,
            Email1 = email1,
            Email2 = email2,
            Website = url,
            SourceTag = tag,
        });
    }

    /// <summary>Undoes the text escaping of RFC 2426 (<c>\\ \, \; \n \N</c>).</summary>
    /// <param name="value">The escaped value.</param>
    /// <returns>The text.</returns>
    public static string Unescape(string value)
    {
        if (value.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                sb.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static (string? First, string? Second) FirstTwo(string? preferred, List<string> others)
    {
        if (preferred is not null)
        {
            return (preferred, others.Count > 0 ? others[0] : null);
        }

        return (others.Count > 0 ? others[0] : null, others.Count > 1 ? others[1] : null);
    }

    private static string? Part(List<string> parts, int index) =>
        index < parts.Count && parts[index].Length > 0 ? parts[index] : null;

    /// <summary>Splits a structured value at unescaped semicolons and unescapes each part.</summary>
    private static List<string> SplitStructured(string value)
    {
        var parts = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (c == ';')
            {
                parts.Add(Unescape(sb.ToString()));
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        parts.Add(Unescape(sb.ToString()));
        return parts;
    }

    private static bool TryParse(string line, out string name, out HashSet<string> types, out string value)
    {
        types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        name = string.Empty;
        value = string.Empty;
        var colon = FindValueColon(line);
        if (colon <= 0)
        {
            return false;
        }

        value = line[(colon + 1)..];
        var head = line[..colon].Split(';');
        name = head[0].ToUpperInvariant();
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            name = name[(dot + 1)..]; // group prefix (item1.TEL)
        }

        foreach (var p in head.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? "TYPE" : p[..eq].ToUpperInvariant();
            var val = eq < 0 ? p : p[(eq + 1)..];
            if (key == "TYPE")
            {
                foreach (var t in val.Trim('"').Split(','))
                {
                    types.Add(t.Trim().ToUpperInvariant());
                }
            }
            else if (key == "PREF")
            {
                types.Add("PREF");
            }
        }

        return true;
    }

    /// <summary>The colon that separates name and parameters from the value (colons inside quoted parameters do not count).</summary>
    private static int FindValueColon(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> Unfold(string text)
    {
        var result = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && result.Count > 0)
            {
                result[^1] += raw[1..];
            }
            else if (raw.Length > 0)
            {
                result.Add(raw);
            }
        }

        return result;
    }
}
