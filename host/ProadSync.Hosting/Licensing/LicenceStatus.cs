namespace ProadSync.Hosting.Licensing;

/// <summary>The installed licence and whether it is valid now (<c>licence show</c>).</summary>
/// <param name="Installed">Whether a licence file is installed at all.</param>
/// <param name="Licence">The licence, when its signature is good (also when it expired), else <see langword="null"/>.</param>
/// <param name="Valid">Whether it is authentic, unexpired and of tier "Verwaltung".</param>
/// <param name="Problem">Why not valid, and what to do (one sentence), or <see langword="null"/>.</param>
/// <param name="KeyId">The signing key's id, when readable.</param>
/// <param name="Development">Whether it is signed with the development key (a development licence, not for production).</param>
public sealed record LicenceStatus(bool Installed, Licence? Licence, bool Valid, string? Problem, string? KeyId, bool Development);
