using ProadSync.Hosting.Licensing;

namespace ProadSync.Hosting.Tests.Licensing;

/// <summary>Key pairs generated for the tests (never the vendor's) and licences signed with them.</summary>
internal static class TestLicences
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The test's stand-in for a vendor key, trusted through the options.</summary>
    public static readonly (string PrivateKeyPem, string PublicKeyPem) TestVendorKey = LicenceSigner.CreateKeyPair();

    /// <summary>A key nobody trusts.</summary>
    public static readonly (string PrivateKeyPem, string PublicKeyPem) ForeignTestKey = LicenceSigner.CreateKeyPair();

    public static Licence Content(
        IReadOnlyList<string>? databases = null,
        IReadOnlyList<string>? interfaces = null,
        string tier = "Verwaltung",
        DateOnly? expires = null) => new(
            "T-0001",
            "Test GmbH",
            databases ?? ["*"],
            interfaces ?? ["caldav", "exchange"],
            tier,
            Now.AddDays(-10),
            expires ?? new DateOnly(2027, 6, 30));

    public static string Signed(Licence? content = null, string? privateKeyPem = null) =>
        LicenceSigner.Sign(content ?? Content(), privateKeyPem ?? TestVendorKey.PrivateKeyPem);
}
