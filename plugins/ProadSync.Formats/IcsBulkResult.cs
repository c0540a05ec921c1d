namespace ProadSync.Formats;

/// <summary>What <see cref="IcsBulkReader"/> read.</summary>
/// <param name="Items">The objects read.</param>
/// <param name="Skipped">The objects that could not be taken, with the reason.</param>
public sealed record IcsBulkResult(IReadOnlyList<IcsObject> Items, IReadOnlyList<IcsSkipped> Skipped);
