namespace ProadSync.Hosting.Licensing;

/// <summary>The outcome of checking a licence file without throwing.</summary>
/// <param name="Licence">The licence when its signature is good (also when it expired or has the wrong tier), else <see langword="null"/>.</param>
/// <param name="KeyId">The id of the key it was signed with, when the file could be read.</param>
/// <param name="Problem">Why it is not valid (one sentence), or <see langword="null"/> when it is.</param>
public sealed record LicenceCheck(Licence? Licence, string? KeyId, string? Problem)
{
    /// <summary>Whether the licence is authentic, unexpired and of the required tier.</summary>
    public bool IsValid => Licence is not null && Problem is null;
}
