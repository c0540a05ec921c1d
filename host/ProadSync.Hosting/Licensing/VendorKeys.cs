namespace ProadSync.Hosting.Licensing;

/// <summary>The public keys the host trusts without configuration, and the development key pair's public half.</summary>
internal static class VendorKeys
{
    /// <summary>
    /// The vendor's production public key (ECDsa P-256). Its private key is kept by the vendor only and never in this
    /// repository; licences for customers are signed with it.
    /// </summary>
    public const string ProductionPublicKeyPem = """
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEaQMDHrhAB4ER4gkuLguygGmG43J/
XmBCM4A7yjiERISgnkxPrYngLt/kkTkdp5p1Y4VkobGhVuw/kf/M19Rjgw==
-----END PUBLIC KEY-----
""";

    /// <summary>The development public key (its private key is committed under tools/licensing for demos and tests).</summary>
    public static string DevelopmentPublicKeyPem => ReadResource("development-key.public.pem");

    /// <summary>The development licence, signed with the development key.</summary>
    public static string DevelopmentLicence => ReadResource("development.licence");

    private static string ReadResource(string name)
    {
        var assembly = typeof(VendorKeys).Assembly;
        using var stream = assembly.GetManifestResourceStream("ProadSync.Hosting.Licensing." + name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
