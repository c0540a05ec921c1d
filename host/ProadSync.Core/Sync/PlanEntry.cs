using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>One planned effect of a run.</summary>
/// <param name="Kind">Appointment, task or contact.</param>
/// <param name="LeadingId">The leading item, if any.</param>
/// <param name="ExternalId">The external item, if any.</param>
/// <param name="Action">What happens.</param>
/// <param name="Reason">Why, in a few words (with the rule id).</param>
public sealed record PlanEntry(LinkKind Kind, long? LeadingId, string? ExternalId, PlanAction Action, string Reason);
