using Microsoft.AspNetCore.DataProtection;

namespace ProadSync.Hosting;

/// <summary>
/// Encrypts account credentials at rest with ASP.NET Core Data Protection; the key ring lives in the home folder
/// (SPEC R-ACC-7).
/// </summary>
public sealed class SecretProtector
{
    private const string Purpose = "ProadSync.AccountCredential.v1";
    private readonly IDataProtector _protector;

    /// <summary>Creates a protector whose keys live in <paramref name="home"/>.</summary>
    /// <param name="home">The home folder.</param>
    public SecretProtector(ProadSyncHome home)
    {
        var provider = DataProtectionProvider.Create(
            new DirectoryInfo(home.KeysDirectory),
            builder => builder.SetApplicationName("ProadSync"));
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>Encrypts a secret.</summary>
    /// <param name="secret">The plain secret.</param>
    /// <returns>The protected form, safe to store.</returns>
    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>Decrypts a secret stored with <see cref="Protect"/>.</summary>
    /// <param name="protectedSecret">The protected form.</param>
    /// <returns>The plain secret.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring does not match (a copied database without its keys).</exception>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
