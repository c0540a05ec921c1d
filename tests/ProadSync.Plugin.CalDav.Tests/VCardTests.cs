using System.Text;
using ProadSync.Abstractions.Models;
using ProadSync.VCard;

namespace ProadSync.Plugin.CalDav.Tests;

public sealed class VCardTests
{
    private static readonly ContactData Full = new()
    {
        FirstName = "Jörg",
        LastName = "Müller-Lüdenscheidt",
        Function = "Einkauf, Leitung",
        Company = "Söhne, Töchter & Co; KG",
        Street = "Hohe Straße 1\nHinterhaus",
        Postcode = "50667",
        City = "Köln",
        Country = "Deutschland",
        Phone1 = "+49 221 12345-0",
        Phone2 = "+49 221 12345-1",
        Mobile = "+49 171 1234567",
        Fax = "+49 221 999-99",
        Email1 = "joerg@example.com",
        Email2 = "info@example.com",
        Website = "https://example.com/jörg",
        SourceTag = "db1:contact:42",
    };

    [Test]
    [Category("R-CON-2")]
    public void Every_exported_field_round_trips()
    {
        var text = VCardWriter.Write("uid-1@proadsync", Full);
        var read = VCardReader.Read(text);

        Assert.That(read.Uid, Is.EqualTo("uid-1@proadsync"));
        Assert.That(read.Contact, Is.EqualTo(Full));
    }

    [Test]
    public void The_card_is_vCard_3_with_the_expected_properties()
    {
        var text = VCardWriter.Write("u", Full);

        Assert.That(text, Does.StartWith("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
        Assert.That(text, Does.EndWith("END:VCARD\r\n"));
        Assert.That(text, Does.Contain("\r\nN:Müller-Lüdenscheidt;Jörg;;;\r\n"));
        Assert.That(text, Does.Contain("\r\nFN:Jörg Müller-Lüdenscheidt\r\n"));
        Assert.That(text, Does.Contain("\r\nORG:Söhne\\, Töchter & Co\\; KG\r\n"));
        Assert.That(text, Does.Contain("\r\nTITLE:Einkauf\\, Leitung\r\n"));
        Assert.That(text, Does.Contain("\r\nADR;TYPE=WORK:;;Hohe Straße 1\\nHinterhaus;Köln;;50667;Deutschland\r\n"));
        Assert.That(text, Does.Contain("\r\nTEL;TYPE=WORK,VOICE,PREF:+49 221 12345-0\r\n"));
        Assert.That(text, Does.Contain("\r\nTEL;TYPE=WORK,VOICE:+49 221 12345-1\r\n"));
        Assert.That(text, Does.Contain("\r\nTEL;TYPE=CELL:+49 171 1234567\r\n"));
        Assert.That(text, Does.Contain("\r\nTEL;TYPE=WORK,FAX:+49 221 999-99\r\n"));
        Assert.That(text, Does.Contain("\r\nX-PROAD-ID:db1:contact:42\r\n"));
    }

    [Test]
    public void Long_lines_are_folded_at_75_octets_without_splitting_characters()
    {
        var contact = new ContactData { LastName = string.Concat(Enumerable.Repeat("Ä€😀", 40)) };

        var text = VCardWriter.Write("u", contact);

        foreach (var line in text.Split("\r\n"))
        {
            Assert.That(Encoding.UTF8.GetByteCount(line), Is.LessThanOrEqualTo(75), line);
        }

        Assert.That(text, Does.Not.Contain("\uFFFD"));
        Assert.That(VCardReader.Read(text).Contact.LastName, Is.EqualTo(contact.LastName));
    }

    [Test]
    public void Empty_fields_stay_empty_and_fn_falls_back_to_the_company()
    {
        var contact = new ContactData { Company = "ACME" };

        var text = VCardWriter.Write("u", contact);
        var read = VCardReader.Read(text).Contact;

        Assert.That(text, Does.Contain("\r\nFN:ACME\r\n"));
        Assert.That(text, Does.Not.Contain("TEL").And.Not.Contain("EMAIL").And.Not.Contain("ADR"));
        Assert.That(read, Is.EqualTo(contact));
    }

    [Test]
    public void Cards_rewritten_by_servers_are_read()
    {
        // Lower-case types, repeated TYPE parameters, group prefixes, LF line ends, folded with a tab, ORG split.
        const string text = "BEGIN:VCARD\nVERSION:3.0\nUID:x\nN:Doe;Jane;;;\nFN:Jane Doe\nORG:Co;KG\n" +
                            "item1.TEL;type=work;type=voice;type=pref:+1 555\nTEL;TYPE=cell:+1 666\nEMAIL;type=INTERNET:a@b\n\tc\n" +
                            "X-PROAD-ID:t\nEND:VCARD\n";

        var read = VCardReader.Read(text);

        Assert.That(read.Contact.Phone1, Is.EqualTo("+1 555"));
        Assert.That(read.Contact.Mobile, Is.EqualTo("+1 666"));
        Assert.That(read.Contact.Email1, Is.EqualTo("a@bc"));
        Assert.That(read.Contact.Company, Is.EqualTo("Co;KG"));
        Assert.That(read.Contact.SourceTag, Is.EqualTo("t"));
    }

    [Test]
    public void Text_that_is_no_vcard_is_refused_with_a_clear_sentence()
    {
        var ex = Assert.Throws<VCardFormatException>(() => VCardReader.Read("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        Assert.That(ex!.Message, Does.Contain("BEGIN:VCARD"));
    }
}
