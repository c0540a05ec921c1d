using ProadSync.Abstractions.Models;

namespace ProadSync.Core.Leading;

/// <summary>A contact of the database's contact master data (SPEC section 8).</summary>
/// <param name="Id">The contact's id.</param>
/// <param name="Data">The exported fields.</param>
/// <param name="Active">Only active contacts are exported (SPEC R-CON-3).</param>
/// <param name="Revision">Grows with every change.</param>
/// <param name="ModifiedAt">When the contact was last changed.</param>
public sealed record Contact(long Id, ContactData Data, bool Active, long Revision, DateTimeOffset ModifiedAt);
