using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>Maps exported contacts to Graph contacts and back (SPEC R-CON-2); fax via <see cref="GraphTags.FaxProperty"/>.</summary>
internal static class ContactMapper
{
    /// <summary>
    /// Builds the contact body. Every property is assigned, also with <see langword="null"/>: the SDK's backing
    /// store then writes an explicit null, so an update clears a field that was emptied.
    /// </summary>
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
            SingleValueExtendedProperties =
            [
                new SingleValueLegacyExtendedProperty { Id = GraphTags.FaxProperty, Value = data.Fax ?? string.Empty },
                new SingleValueLegacyExtendedProperty { Id = GraphTags.SourceTagProperty, Value = data.SourceTag ?? string.Empty },
            ],
        };
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
        SourceTag = ExtendedProperties.Find(contact.SingleValueExtendedProperties, GraphTags.SourceTagProperty),
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
