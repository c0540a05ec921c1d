using System.Globalization;

namespace ProadSync.Hosting.Licensing;

/// <summary>
/// Verifies licence files against trusted public keys: the signature over the exact payload bytes, the expiry (by
/// <see cref="TimeProvider"/>) and the tier (SPEC R-SM-3). Every refusal is one sentence in a <see cref="LicenceException"/>.
/// </summary>
public sealed class LicenceVerifier
{
    /// <summary>The licence tier the CalDAV/Exchange synchronisation module needs (SPEC R-SM-3).</summary>
    public const string RequiredTier = "Verwaltung";

    private readonly Dictionary<string, LicenceFormat.SigningKey> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier that trusts exactly the given keys.</summary>
    /// <param name="trustedPublicKeyPems">PEM public keys (ECDsa P-256 or RSA).</param>
    /// <param name="timeProvider">The clock for the expiry check.</param>
    /// <exception cref="LicenceException">A key cannot be read.</exception>
    public LicenceVerifier(IEnumerable<string> trustedPublicKeyPems, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        foreach (var pem in trustedPublicKeyPems)
        {
            var key = LicenceFormat.ReadPublicKey(pem);
            _keys[key.KeyId] = key;
        }
    }

    /// <summary>The id of the vendor's production key, trusted by every host.</summary>
    public static string VendorKeyId { get; } = LicenceSigner.KeyIdOf(VendorKeys.ProductionPublicKeyPem);

    /// <summary>The vendor's production public key (PEM).</summary>
    public static string VendorPublicKeyPem => VendorKeys.ProductionPublicKeyPem;

    /// <summary>The ids of the trusted keys.</summary>
    public IReadOnlyCollection<string> TrustedKeyIds => _keys.Keys;

    /// <summary>Creates a verifier that trusts the vendor's production key plus the given keys.</summary>
    /// <param name="timeProvider">The clock for the expiry check.</param>
    /// <param name="additionalPublicKeyPems">Keys an admin configured in addition, if any.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="LicenceException">An additional key cannot be read.</exception>
    public static LicenceVerifier WithVendorKey(TimeProvider timeProvider, IEnumerable<string>? additionalPublicKeyPems = null) =>
        new([VendorKeys.ProductionPublicKeyPem, .. additionalPublicKeyPems ?? []], timeProvider);

    /// <summary>Verifies a licence file completely.</summary>
    /// <param name="licenceText">The file's text.</param>
    /// <returns>The valid licence.</returns>
    /// <exception cref="LicenceException">The file is malformed, tampered with, signed by a key this host does not trust, expired, or of the wrong tier.</exception>
    public Licence Verify(string licenceText)
    {
        var (licence, _) = ReadAuthentic(licenceText);
        Validate(licence);
        return licence;
    }

    /// <summary>Checks a licence file and reports instead of throwing (for <c>licence show</c>).</summary>
    /// <param name="licenceText">The file's text.</param>
    /// <returns>The licence (when authentic) and the problem, if any.</returns>
    public LicenceCheck Check(string licenceText)
    {
        Licence licence;
        string keyId;
        try
        {
            (licence, keyId) = ReadAuthentic(licenceText);
        }
        catch (LicenceException ex)
        {
            return new LicenceCheck(null, null, ex.Message);
        }

        try
        {
            Validate(licence);
            return new LicenceCheck(licence, keyId, null);
        }
        catch (LicenceException ex)
        {
            return new LicenceCheck(licence, keyId, ex.Message);
        }
    }

    private (Licence Licence, string KeyId) ReadAuthentic(string licenceText)
    {
        var envelope = LicenceFormat.ReadEnvelope(licenceText);
        var payload = LicenceFormat.Base64(envelope.Payload!, "payload");
        var signature = LicenceFormat.Base64(envelope.Signature!, "signature");
        if (!_keys.TryGetValue(envelope.KeyId!, out var key))
        {
            throw new LicenceException(
                $"The licence is signed with key {envelope.KeyId}, which this host does not trust; install a licence issued by the ProadSync vendor (or, for a key of your own, add its public key to the setting '{LicensingSettings.TrustedKeys}').");
        }

        if (!LicenceFormat.VerifySignature(key, envelope.Algorithm!, payload, signature))
        {
            throw new LicenceException(
                "The licence's signature does not match its content, so the file was changed after it was signed; install the unchanged file from the vendor.");
        }

        return (LicenceFormat.ReadPayload(payload), key.KeyId);
    }

    private void Validate(Licence licence)
    {
        var now = _timeProvider.GetUtcNow();
        if (now >= licence.ExpiresAt)
        {
            throw new LicenceException(
                $"Licence {licence.LicenceId} for {licence.Licensee} expired on {licence.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; install a renewed licence with 'proadsync licence install FILE'.");
        }

        if (!string.Equals(licence.Tier, RequiredTier, StringComparison.OrdinalIgnoreCase))
        {
            throw new LicenceException(
                $"Licence {licence.LicenceId} is of tier '{licence.Tier}', but the CalDAV/Exchange synchronisation needs tier '{RequiredTier}' (SPEC R-SM-3); ask the vendor for a '{RequiredTier}' licence.");
        }
    }
}
