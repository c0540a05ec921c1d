using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>Maps exported contacts to Graph contacts and back (SPEC R-CON-2); fax via <see cref="GraphTags.FaxProperty"/>.</summary>
internal static class ContactMapper
{
    /// <summary>Builds the contact body. Empty fields are written as explicit nulls so an update clears them.</summary>
    public static Contact ToGraph(ContactData data)
    {
        var contact = new Contact
        {
            GivenName = data.FirstName,
            Surname = data.LastName,
            DisplayName = string.Join(' ', new[] { data.FirstName, data.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
                ? name
                : data.Company,
            JobTitle = data.Function,
            CompanyName = data.Company,
            BusinessHomePage = data.Website,
            MobilePhone = data.Mobile,
            BusinessPhones = [.. new[] { data.Phone1, data.Phone2 }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!)],
            EmailAddresses = [.. new[] { data.Email1, data.Email2 }.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => new EmailAddress { Address = e, Name = e })],
            BusinessAddress = new PhysicalAddress
            {
                Street = data.Street,
                PostalCode = data.Postcode,
                City = data.City,
                CountryOrRegion = data.Country,
            },
            SingleValueExtendedProperties = [new SingleValueLegacyExtendedProperty { Id = GraphTags.FaxProperty, Value = data.Fax ?? string.Empty }],
        };
        foreach (var (key, value) in new (string, string?)[]
        {
            ("givenName", data.FirstName), ("surname", data.LastName), ("jobTitle", data.Function), ("companyName", data.Company),
            ("businessHomePage", data.Website), ("mobilePhone", data.Mobile),
        })
        {
            if (value is null)
            {
                contact.AdditionalData[key] = null!;
            }
        }

        return contact;
    }

    public static ContactData FromGraph(Contact contact) => new()
    {
        FirstName = Empty(contact.GivenName),
        LastName = Empty(contact.Surname),
        Function = Empty(contact.JobTitle),
        Company = Empty(contact.CompanyName),
        Street = Empty(contact.BusinessAddress?.Street),
        Postcode = Empty(contact.BusinessAddress?.PostalCode),
        City = Empty(contact.BusinessAddress?.City),
        Country = Empty(contact.BusinessAddress?.CountryOrRegion),
        Phone1 = Empty(contact.BusinessPhones?.ElementAtOrDefault(0)),
        Phone2 = Empty(contact.BusinessPhones?.ElementAtOrDefault(1)),
        Mobile = Empty(contact.MobilePhone),
        Fax = ExtendedProperties.Find(contact.SingleValueExtendedProperties, GraphTags.FaxProperty),
        Email1 = Empty(contact.EmailAddresses?.ElementAtOrDefault(0)?.Address),
        Email2 = Empty(contact.EmailAddresses?.ElementAtOrDefault(1)?.Address),
        Website = Empty(contact.BusinessHomePage),
        SourceTag = ExtendedProperties.Find(contact.SingleValueExtendedProperties, GraphTags.IdentityProperty),
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
