using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>An item the run deliberately left alone, and why.</summary>
/// <param name="Kind">Appointment, task or contact.</param>
/// <param name="LeadingId">The leading item, if any.</param>
/// <param name="ExternalId">The external item, if any.</param>
/// <param name="Reason">Why (with the rule id).</param>
public sealed record SkippedItem(LinkKind Kind, long? LeadingId, string? ExternalId, string Reason);
