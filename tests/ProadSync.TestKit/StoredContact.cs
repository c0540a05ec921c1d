using ProadSync.Abstractions.Models;

namespace ProadSync.TestKit;

/// <summary>A contact as an <see cref="InMemoryContactTarget"/> holds it.</summary>
/// <param name="Id">The target's id.</param>
/// <param name="Identity">The identity it was created with.</param>
/// <param name="Data">The stored fields.</param>
/// <param name="Version">The current version.</param>
public sealed record StoredContact(string Id, string Identity, ContactData Data, ItemVersion Version);
