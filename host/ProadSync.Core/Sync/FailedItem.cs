using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>An item the run could not handle; the run went on with the others.</summary>
/// <param name="Kind">Appointment, task or contact.</param>
/// <param name="LeadingId">The leading item, if any.</param>
/// <param name="ExternalId">The external item, if any.</param>
/// <param name="Message">What went wrong, in one sentence.</param>
public sealed record FailedItem(LinkKind Kind, long? LeadingId, string? ExternalId, string Message);
