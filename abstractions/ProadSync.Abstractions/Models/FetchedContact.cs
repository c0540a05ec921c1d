namespace ProadSync.Abstractions.Models;

/// <summary>One contact read from a target, or the reason it could not be read.</summary>
/// <param name="Item">The id and version of the contact as read.</param>
/// <param name="Content">The content, or <see langword="null"/> when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the contact could not be read, or <see langword="null"/>.</param>
public sealed record FetchedContact(ExternalItemRef Item, ContactData? Content, string? Problem = null);
