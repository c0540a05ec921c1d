using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProadSync.Hosting.Licensing;

/// <summary>
/// The wire format of a licence file: a JSON envelope whose <c>payload</c> is the Base64 of the exact payload bytes
/// that were signed, with the signer's key id, the algorithm and the signature. Only standard algorithms of
/// <see cref="System.Security.Cryptography"/> are used: ECDsa P-256 with SHA-256 (<c>ES256</c>) or RSA-PSS with
/// SHA-256 (<c>PS256</c>).
/// </summary>
internal static class LicenceFormat
{
    public const string FormatName = "proadsync-licence/1";
    public const string EcdsaSha256 = "ES256";
    public const string RsaPssSha256 = "PS256";

    /// <summary>A licence file bigger than this is refused before it is parsed.</summary>
    public const int MaxLicenceChars = 64 * 1024;

    private const string EcOid = "1.2.840.10045.2.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises the payload into the exact bytes to sign.</summary>
    public static byte[] PayloadBytes(Licence licence) => JsonSerializer.SerializeToUtf8Bytes(
        new PayloadDto
        {
            LicenceId = licence.LicenceId,
            Licensee = licence.Licensee,
            Databases = [.. licence.Databases],
            Interfaces = [.. licence.Interfaces],
            Tier = licence.Tier,
            IssuedAt = licence.IssuedAt,
            Expires = licence.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        },
        Json);

    /// <summary>Builds the file text from payload bytes and a signature.</summary>
    public static string Envelope(byte[] payload, string keyId, string algorithm, byte[] signature) => JsonSerializer.Serialize(
        new EnvelopeDto
        {
            Format = FormatName,
            KeyId = keyId,
            Algorithm = algorithm,
            Payload = Convert.ToBase64String(payload),
            Signature = Convert.ToBase64String(signature),
        },
        IndentedJson) + "\n";

    /// <summary>Reads the envelope; throws a <see cref="LicenceException"/> with one sentence when it is not one.</summary>
    public static EnvelopeDto ReadEnvelope(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Malformed("the file is empty");
        }

        if (text.Length > MaxLicenceChars)
        {
            throw Malformed($"the file is larger than {MaxLicenceChars / 1024} KiB");
        }

        EnvelopeDto? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EnvelopeDto>(text, Json);
        }
        catch (JsonException ex)
        {
            throw Malformed("it is not valid JSON", ex);
        }

        if (envelope is null || envelope.Format != FormatName)
        {
            throw Malformed($"its \"format\" is not \"{FormatName}\"");
        }

        if (string.IsNullOrWhiteSpace(envelope.KeyId) || string.IsNullOrWhiteSpace(envelope.Algorithm)
            || string.IsNullOrWhiteSpace(envelope.Payload) || string.IsNullOrWhiteSpace(envelope.Signature))
        {
            throw Malformed("\"keyId\", \"algorithm\", \"payload\" or \"signature\" is missing");
        }

        return envelope;
    }

    /// <summary>Decodes Base64 or throws the malformed sentence.</summary>
    public static byte[] Base64(string value, string field)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException ex)
        {
            throw Malformed($"its \"{field}\" is not Base64", ex);
        }
    }

    /// <summary>Reads the signed payload; the signature has been checked before.</summary>
    public static Licence ReadPayload(byte[] payload)
    {
        PayloadDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<PayloadDto>(payload, Json);
        }
        catch (JsonException ex)
        {
            throw Malformed("its payload is not valid JSON", ex);
        }

        if (dto is null || string.IsNullOrWhiteSpace(dto.LicenceId) || string.IsNullOrWhiteSpace(dto.Licensee)
            || dto.Databases is not { Count: > 0 } || dto.Interfaces is null || string.IsNullOrWhiteSpace(dto.Tier)
            || dto.IssuedAt is null || string.IsNullOrWhiteSpace(dto.Expires))
        {
            throw Malformed("its payload lacks licenceId, licensee, databases, interfaces, tier, issuedAt or expires");
        }

        if (!DateOnly.TryParseExact(dto.Expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expires))
        {
            throw Malformed("its \"expires\" is not a date YYYY-MM-DD");
        }

        return new Licence(
            dto.LicenceId,
            dto.Licensee,
            [.. dto.Databases.Select(d => d.Trim()).Where(d => d.Length > 0)],
            [.. dto.Interfaces.Select(i => i.Trim().ToLowerInvariant()).Where(i => i.Length > 0)],
            dto.Tier,
            dto.IssuedAt.Value,
            expires);
    }

    /// <summary>Reads a PEM public key (SubjectPublicKeyInfo) or the public part of a PEM private key.</summary>
    public static SigningKey ReadPublicKey(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || !PemEncoding.TryFind(pem, out var fields))
        {
            throw new LicenceException("The key is not in PEM format (expected \"-----BEGIN PUBLIC KEY-----\").");
        }

        var label = pem[fields.Label];
        byte[] spki;
        try
        {
            var der = Convert.FromBase64String(pem[fields.Base64Data]);
            spki = label switch
            {
                "PUBLIC KEY" => der,
                "PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY" => PublicPartOfPrivate(pem),
                _ => throw new LicenceException($"The PEM block \"{label}\" is not a public key; use \"PUBLIC KEY\"."),
            };
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new LicenceException("The key is not a readable PEM public key.", ex);
        }

        string oid;
        try
        {
            var probe = PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _);
            oid = probe.Oid.Value ?? "";
        }
        catch (CryptographicException ex)
        {
            throw new LicenceException("The key is not a readable PEM public key.", ex);
        }

        var kind = oid switch
        {
            EcOid => EcdsaSha256,
            RsaOid => RsaPssSha256,
            _ => throw new LicenceException("The key is neither an ECDsa nor an RSA public key."),
        };
        return new SigningKey(KeyIdOf(spki), kind, spki);
    }

    /// <summary>The key id: the first 16 hex digits of the SHA-256 of the SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(byte[] subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    /// <summary>Checks a signature over the exact payload bytes.</summary>
    public static bool VerifySignature(SigningKey key, string algorithm, byte[] payload, byte[] signature)
    {
        if (!string.Equals(algorithm, key.Algorithm, StringComparison.Ordinal))
        {
            return false;
        }

        if (key.Algorithm == EcdsaSha256)
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
            return ec.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        return rsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    internal static LicenceException Malformed(string why, Exception? inner = null)
    {
        var message = $"The file is not a ProadSync licence ({why}); install the unchanged licence file from the vendor.";
        return inner is null ? new LicenceException(message) : new LicenceException(message, inner);
    }

    private static byte[] PublicPartOfPrivate(string pem)
    {
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec.ExportSubjectPublicKeyInfo();
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.ExportSubjectPublicKeyInfo();
        }
    }

    internal sealed record SigningKey(string KeyId, string Algorithm, byte[] SubjectPublicKeyInfo);

    internal sealed class EnvelopeDto
    {
        public string? Format { get; set; }

        public string? KeyId { get; set; }

        public string? Algorithm { get; set; }

        public string? Payload { get; set; }

        public string? Signature { get; set; }
    }

    internal sealed class PayloadDto
    {
        public string? LicenceId { get; set; }

        public string? Licensee { get; set; }

        public List<string>? Databases { get; set; }

        public List<string>? Interfaces { get; set; }

        public string? Tier { get; set; }

        public DateTimeOffset? IssuedAt { get; set; }

        public string? Expires { get; set; }
    }
}
