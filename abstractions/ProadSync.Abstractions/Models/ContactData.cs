namespace ProadSync.Abstractions.Models;

/// <summary>The exported fields of a contact (SPEC R-CON-2).</summary>
public sealed record ContactData
{
    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Function (job title).</summary>
    public string? Function { get; init; }

    /// <summary>Company.</summary>
    public string? Company { get; init; }

    /// <summary>Street (business address).</summary>
    public string? Street { get; init; }

    /// <summary>Postcode (business address).</summary>
    public string? Postcode { get; init; }

    /// <summary>City (business address).</summary>
    public string? City { get; init; }

    /// <summary>Country (business address).</summary>
    public string? Country { get; init; }

    /// <summary>Phone 1 (business).</summary>
    public string? Phone1 { get; init; }

    /// <summary>Phone 2 (business, second).</summary>
    public string? Phone2 { get; init; }

    /// <summary>Mobile phone.</summary>
    public string? Mobile { get; init; }

    /// <summary>Fax (business).</summary>
    public string? Fax { get; init; }

    /// <summary>First e-mail address.</summary>
    public string? Email1 { get; init; }

    /// <summary>Second e-mail address.</summary>
    public string? Email2 { get; init; }

    /// <summary>Web site.</summary>
    public string? Website { get; init; }

    /// <summary>The leading system's identity tag (vCard <c>X-PROAD-ID</c>, an Exchange extended property).</summary>
    public string? SourceTag { get; init; }
}
