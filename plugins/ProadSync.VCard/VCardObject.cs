using ProadSync.Abstractions.Models;

namespace ProadSync.VCard;

/// <summary>A vCard as read: its UID and the exported contact fields.</summary>
/// <param name="Uid">The vCard's UID, or <see langword="null"/> when it has none.</param>
/// <param name="Contact">The fields.</param>
public sealed record VCardObject(string? Uid, ContactData Contact);
