using System.Security.Cryptography;

namespace ProadSync.Hosting.Licensing;

/// <summary>
/// Issues licences: key pairs and signatures. Used by the vendor's licence tool and by tests; the host itself only
/// verifies (<see cref="LicenceVerifier"/>).
/// </summary>
public static class LicenceSigner
{
    /// <summary>Creates a new ECDsa P-256 key pair.</summary>
    /// <returns>The private key (PKCS#8 PEM) and the public key (SubjectPublicKeyInfo PEM).</returns>
    public static (string PrivateKeyPem, string PublicKeyPem) CreateKeyPair()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ec.ExportPkcs8PrivateKeyPem() + "\n", ec.ExportSubjectPublicKeyInfoPem() + "\n");
    }

    /// <summary>The key id a licence signed with this key carries (also accepts a private key).</summary>
    /// <param name="pem">A PEM public or private key.</param>
    /// <returns>16 hex digits.</returns>
    /// <exception cref="LicenceException">The PEM is not a usable key.</exception>
    public static string KeyIdOf(string pem) => LicenceFormat.ReadPublicKey(pem).KeyId;

    /// <summary>Signs a licence.</summary>
    /// <param name="licence">The content.</param>
    /// <param name="privateKeyPem">An ECDsa (P-256) or RSA private key in PEM.</param>
    /// <returns>The licence file's text.</returns>
    /// <exception cref="LicenceException">The key cannot be read.</exception>
    public static string Sign(Licence licence, string privateKeyPem)
    {
        var key = LicenceFormat.ReadPublicKey(privateKeyPem);
        var payload = LicenceFormat.PayloadBytes(licence);
        byte[] signature;
        try
        {
            if (key.Algorithm == LicenceFormat.EcdsaSha256)
            {
                using var ec = ECDsa.Create();
                ec.ImportFromPem(privateKeyPem);
                signature = ec.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            else
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(privateKeyPem);
                signature = rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new LicenceException("The signing key is not a PEM private key.", ex);
        }

        return LicenceFormat.Envelope(payload, key.KeyId, key.Algorithm, signature);
    }
}
