using System.Xml.Linq;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>Maps the exported contact fields (SPEC R-CON-2) to EWS contact properties in the XSD order, and back.</summary>
internal static class ContactMapper
{
    /// <summary>The properties of a contact in the order of ContactItemType's sequence.</summary>
    public static IReadOnlyList<EwsProperty> ToProperties(ContactData contact, string? identity)
    {
        var list = new List<EwsProperty>();
        CalendarItemMapper.AddTags(list, contact.SourceTag, identity);

        var display = Join(" ", contact.FirstName, contact.LastName) ?? Value(contact.Company);
        var fileAs = Join(", ", contact.LastName, contact.FirstName) ?? Value(contact.Company);
        list.Add(EwsProperty.Field("contacts:FileAs", fileAs));
        list.Add(EwsProperty.Field("contacts:DisplayName", display));
        list.Add(EwsProperty.Field("contacts:GivenName", Value(contact.FirstName)));
        list.Add(EwsProperty.Field("contacts:CompanyName", Value(contact.Company)));
        list.Add(Indexed("contacts:EmailAddress", "EmailAddresses", "EmailAddress1", contact.Email1));
        list.Add(Indexed("contacts:EmailAddress", "EmailAddresses", "EmailAddress2", contact.Email2));
        list.Add(Address("Street", contact.Street));
        list.Add(Address("City", contact.City));
        list.Add(Address("CountryOrRegion", contact.Country));
        list.Add(Address("PostalCode", contact.Postcode));
        list.Add(Indexed("contacts:PhoneNumber", "PhoneNumbers", "BusinessPhone", contact.Phone1));
        list.Add(Indexed("contacts:PhoneNumber", "PhoneNumbers", "BusinessPhone2", contact.Phone2));
        list.Add(Indexed("contacts:PhoneNumber", "PhoneNumbers", "MobilePhone", contact.Mobile));
        list.Add(Indexed("contacts:PhoneNumber", "PhoneNumbers", "BusinessFax", contact.Fax));
        list.Add(EwsProperty.Field("contacts:BusinessHomePage", Value(contact.Website)));
        list.Add(EwsProperty.Field("contacts:JobTitle", Value(contact.Function)));
        list.Add(EwsProperty.Field("contacts:Surname", Value(contact.LastName)));
        return list;
    }

    /// <summary>Parses a t:Contact element.</summary>
    public static ContactData FromElement(XElement element)
    {
        string? Text(string name) => Value(element.Element(EwsXml.T + name)?.Value);
        string? Entry(string dictionary, string key) =>
            Value(element.Element(EwsXml.T + dictionary)?.Elements(EwsXml.T + "Entry").FirstOrDefault(e => (string?)e.Attribute("Key") == key)?.Value);
        var business = element.Element(EwsXml.T + "PhysicalAddresses")?.Elements(EwsXml.T + "Entry").FirstOrDefault(e => (string?)e.Attribute("Key") == "Business");
        string? Part(string name) => Value(business?.Element(EwsXml.T + name)?.Value);
        CalendarItemMapper.ReadExtended(element).TryGetValue(ExtendedProperties.SourceTag, out var sourceTag);
        return new ContactData
        {
            FirstName = Text("GivenName"),
            LastName = Text("Surname"),
            Function = Text("JobTitle"),
            Company = Text("CompanyName"),
            Street = Part("Street"),
            Postcode = Part("PostalCode"),
            City = Part("City"),
            Country = Part("CountryOrRegion"),
            Phone1 = Entry("PhoneNumbers", "BusinessPhone"),
            Phone2 = Entry("PhoneNumbers", "BusinessPhone2"),
            Mobile = Entry("PhoneNumbers", "MobilePhone"),
            Fax = Entry("PhoneNumbers", "BusinessFax"),
            Email1 = Entry("EmailAddresses", "EmailAddress1"),
            Email2 = Entry("EmailAddresses", "EmailAddress2"),
            Website = Text("BusinessHomePage"),
            SourceTag = sourceTag,
        };
    }

    private static EwsProperty Indexed(string uri, string dictionary, string key, string? value) =>
        new(EwsPathKind.Indexed, uri, dictionary, Value(value)) { Index = key };

    private static EwsProperty Address(string member, string? value) =>
        new(EwsPathKind.Indexed, "contacts:PhysicalAddress:" + member, "PhysicalAddresses", Value(value)) { Index = "Business", Member = member };

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Join(string separator, string? a, string? b)
    {
        var parts = new[] { Value(a), Value(b) }.Where(p => p is not null);
        var joined = string.Join(separator, parts);
        return joined.Length == 0 ? null : joined;
    }
}
