namespace ProadSync.Formats;

/// <summary>An object of a bulk file that was not taken.</summary>
/// <param name="Uid">Its UID, if it had one.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record IcsSkipped(string? Uid, string Reason);
