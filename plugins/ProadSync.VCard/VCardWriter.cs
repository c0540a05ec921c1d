using System.Globalization;
using System.Text;
using ProadSync.Abstractions.Models;

namespace ProadSync.VCard;

/// <summary>
/// Writes the exported contact fields (SPEC R-CON-2) as a vCard 3.0 (RFC 2426): N, FN, ORG, TITLE,
/// ADR;TYPE=WORK, TEL;TYPE=WORK,VOICE (twice; the first with PREF), TEL;TYPE=CELL, TEL;TYPE=WORK,FAX, EMAIL (twice), URL, UID and
/// X-PROAD-ID. Text is escaped, lines are folded at 75 octets without splitting a UTF-8 sequence, line ends are CRLF;
/// the charset is UTF-8 (the vCard 3.0 default over HTTP, sent as <c>text/vcard; charset=utf-8</c>).
/// </summary>
public static class VCardWriter
{
    private const int MaxLineOctets = 75;

    /// <summary>Writes one vCard.</summary>
    /// <param name="uid">The vCard UID (the stable identity).</param>
    /// <param name="contact">The fields.</param>
    /// <returns>The vCard text with CRLF line ends.</returns>
    public static string Write(string uid, ContactData contact)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCARD");
        Line(sb, "VERSION:3.0");
        Line(sb, "PRODID:-//ProadSync//ProadSync VCard//EN");
        Line(sb, "UID:" + Escape(uid));
        Line(sb, "N:" + Escape(contact.LastName) + ";" + Escape(contact.FirstName) + ";;;");
        Line(sb, "FN:" + Escape(FormattedName(contact)));
        if (!string.IsNullOrEmpty(contact.Company))
        {
            Line(sb, "ORG:" + Escape(contact.Company));
        }

        if (!string.IsNullOrEmpty(contact.Function))
        {
            Line(sb, "TITLE:" + Escape(contact.Function));
        }

        if (!string.IsNullOrEmpty(contact.Street) || !string.IsNullOrEmpty(contact.City) ||
            !string.IsNullOrEmpty(contact.Postcode) || !string.IsNullOrEmpty(contact.Country))
        {
            // ADR: post office box; extended address; street; locality; region; postal code; country.
            Line(sb, "ADR;TYPE=WORK:;;" + Escape(contact.Street) + ";" + Escape(contact.City) + ";;" +
                Escape(contact.Postcode) + ";" + Escape(contact.Country));
        }

        Optional(sb, "TEL;TYPE=WORK,VOICE,PREF", contact.Phone1);
        Optional(sb, "TEL;TYPE=WORK,VOICE", contact.Phone2);
        Optional(sb, "TEL;TYPE=CELL", contact.Mobile);
        Optional(sb, "TEL;TYPE=WORK,FAX", contact.Fax);
        Optional(sb, "EMAIL;TYPE=INTERNET,PREF", contact.Email1);
        Optional(sb, "EMAIL;TYPE=INTERNET", contact.Email2);
        Optional(sb, "URL", contact.Website);
        Optional(sb, "X-PROAD-ID", contact.SourceTag);
        Line(sb, "END:VCARD");
        return sb.ToString();
    }

    /// <summary>The formatted name: first and last name, else the company, else "." (FN is required).</summary>
    /// <param name="contact">The fields.</param>
    /// <returns>The formatted name.</returns>
    public static string FormattedName(ContactData contact)
    {
        var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
        if (name.Length > 0)
        {
            return name;
        }

        return string.IsNullOrWhiteSpace(contact.Company) ? "." : contact.Company.Trim();
    }

    /// <summary>Escapes a text value (RFC 2426 section 4: backslash, comma, semicolon, line breaks).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The escaped value; empty for <see langword="null"/>.</returns>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case ',': sb.Append(@"\,"); break;
                case ';': sb.Append(@"\;"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append(@"\n");
                    break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static void Optional(StringBuilder sb, string nameAndParams, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Line(sb, nameAndParams + ":" + Escape(value));
        }
    }

    /// <summary>Appends one content line folded at 75 octets (RFC 2425 section 5.8.1), never inside a UTF-8 sequence.</summary>
    private static void Line(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1; // the leading space counts
            }

            sb.Append(element);
            octets += size;
        }

        sb.Append("\r\n");
    }
}
