using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Hosting.Licensing;

namespace ProadSync.Hosting.Tests.Licensing;

[TestFixture]
[Category("R-SM-1")]
public sealed class LicenceVerifierTests
{
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(TestLicences.Now);

    private LicenceVerifier Verifier() => new([TestLicences.TestVendorKey.PublicKeyPem], _time);

    [Test]
    public void R_SM_1_a_valid_licence_verifies_and_keeps_its_content()
    {
        var licence = Verifier().Verify(TestLicences.Signed(TestLicences.Content(databases: ["alpha", "beta"], interfaces: ["caldav"])));

        Assert.Multiple(() =>
        {
            Assert.That(licence.LicenceId, Is.EqualTo("T-0001"));
            Assert.That(licence.Licensee, Is.EqualTo("Test GmbH"));
            Assert.That(licence.Databases, Is.EqualTo(new[] { "alpha", "beta" }));
            Assert.That(licence.Interfaces, Is.EqualTo(new[] { "caldav" }));
            Assert.That(licence.Tier, Is.EqualTo("Verwaltung"));
            Assert.That(licence.Expires, Is.EqualTo(new DateOnly(2027, 6, 30)));
            Assert.That(licence.Covers("ALPHA", "caldav"), Is.True);
            Assert.That(licence.Covers("gamma", "caldav"), Is.False);
            Assert.That(licence.Covers("alpha", "exchange"), Is.False);
        });
    }

    [Test]
    public void R_SM_1_a_licence_whose_payload_changed_by_one_byte_is_refused_as_tampered()
    {
        var envelope = JsonNode.Parse(TestLicences.Signed())!.AsObject();
        var payload = Convert.FromBase64String((string)envelope["payload"]!);
        var text = Encoding.UTF8.GetString(payload);
        var at = text.IndexOf("Test GmbH", StringComparison.Ordinal);
        payload[at] = (byte)'B'; // "Best GmbH"
        envelope["payload"] = Convert.ToBase64String(payload);

        var ex = Assert.Throws<LicenceException>(() => Verifier().Verify(envelope.ToJsonString()));
        Assert.That(ex!.Message, Does.Contain("changed after it was signed"));
    }

    [Test]
    public void R_SM_1_a_licence_whose_databases_were_widened_is_refused_as_tampered()
    {
        var envelope = JsonNode.Parse(TestLicences.Signed(TestLicences.Content(databases: ["alpha"])))!.AsObject();
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String((string)envelope["payload"]!));
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("[\"alpha\"]", "[\"*\"]", StringComparison.Ordinal)));

        Assert.That(() => Verifier().Verify(envelope.ToJsonString()), Throws.TypeOf<LicenceException>().With.Message.Contains("changed after it was signed"));
    }

    [Test]
    public void R_SM_1_a_changed_signature_is_refused_as_tampered()
    {
        var envelope = JsonNode.Parse(TestLicences.Signed())!.AsObject();
        var signature = Convert.FromBase64String((string)envelope["signature"]!);
        signature[5] ^= 0x01;
        envelope["signature"] = Convert.ToBase64String(signature);

        Assert.That(() => Verifier().Verify(envelope.ToJsonString()), Throws.TypeOf<LicenceException>().With.Message.Contains("changed after it was signed"));
    }

    [Test]
    public void R_SM_1_an_expired_licence_is_refused_with_the_date_and_what_to_do()
    {
        var text = TestLicences.Signed(TestLicences.Content(expires: new DateOnly(2026, 6, 30)));
        _time.SetUtcNow(new DateTimeOffset(2026, 6, 30, 23, 59, 0, TimeSpan.Zero));
        Assert.That(Verifier().Verify(text).Expires, Is.EqualTo(new DateOnly(2026, 6, 30)), "valid through its last day");

        _time.SetUtcNow(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var ex = Assert.Throws<LicenceException>(() => Verifier().Verify(text));
        Assert.That(ex!.Message, Does.Contain("expired on 2026-06-30").And.Contain("licence install"));
    }

    [Test]
    public void R_SM_1_a_licence_signed_with_a_foreign_key_is_refused()
    {
        var text = TestLicences.Signed(privateKeyPem: TestLicences.ForeignTestKey.PrivateKeyPem);

        var ex = Assert.Throws<LicenceException>(() => Verifier().Verify(text));
        Assert.That(ex!.Message, Does.Contain("does not trust").And.Contain(LicenceSigner.KeyIdOf(TestLicences.ForeignTestKey.PublicKeyPem)));
    }

    [Test]
    public void R_SM_1_a_foreign_signature_under_a_trusted_key_id_is_refused_as_tampered()
    {
        var trustedKeyId = LicenceSigner.KeyIdOf(TestLicences.TestVendorKey.PublicKeyPem);
        var envelope = JsonNode.Parse(TestLicences.Signed(privateKeyPem: TestLicences.ForeignTestKey.PrivateKeyPem))!.AsObject();
        envelope["keyId"] = trustedKeyId;

        Assert.That(() => Verifier().Verify(envelope.ToJsonString()), Throws.TypeOf<LicenceException>().With.Message.Contains("changed after it was signed"));
    }

    [TestCase("")]
    [TestCase("not json at all")]
    [TestCase("{\"format\":\"something-else\"}")]
    [TestCase("{\"format\":\"proadsync-licence/1\",\"keyId\":\"abc\"}")]
    [TestCase("[1,2,3]")]
    public void R_SM_1_a_malformed_file_is_refused_with_one_sentence(string text)
    {
        var ex = Assert.Throws<LicenceException>(() => Verifier().Verify(text));
        Assert.That(ex!.Message, Does.StartWith("The file is not a ProadSync licence"));
    }

    [Test]
    public void R_SM_1_a_payload_that_is_not_base64_is_refused_as_malformed()
    {
        var envelope = JsonNode.Parse(TestLicences.Signed())!.AsObject();
        envelope["payload"] = "%%%not-base64%%%";

        Assert.That(() => Verifier().Verify(envelope.ToJsonString()), Throws.TypeOf<LicenceException>().With.Message.Contains("not Base64"));
    }

    [Test]
    public void R_SM_1_a_signed_payload_without_required_fields_is_refused_as_malformed()
    {
        // Signed correctly, but the payload lacks "tier": build the envelope by hand with the test key.
        var payload = Encoding.UTF8.GetBytes("{\"licenceId\":\"X\",\"licensee\":\"Y\",\"databases\":[\"*\"],\"interfaces\":[],\"issuedAt\":\"2026-01-01T00:00:00+00:00\",\"expires\":\"2027-01-01\"}");
        using var ec = ECDsa.Create();
        ec.ImportFromPem(TestLicences.TestVendorKey.PrivateKeyPem);
        var signature = ec.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var text = LicenceFormat.Envelope(payload, LicenceSigner.KeyIdOf(TestLicences.TestVendorKey.PublicKeyPem), "ES256", signature);

        Assert.That(() => Verifier().Verify(text), Throws.TypeOf<LicenceException>().With.Message.Contains("lacks"));
    }

    [Test]
    [Category("R-SM-3")]
    public void R_SM_3_a_licence_of_another_tier_is_refused()
    {
        var text = TestLicences.Signed(TestLicences.Content(tier: "Basis"));

        var ex = Assert.Throws<LicenceException>(() => Verifier().Verify(text));
        Assert.That(ex!.Message, Does.Contain("tier 'Basis'").And.Contain("'Verwaltung'"));
    }

    [Test]
    public void R_SM_1_check_reports_an_expired_licence_with_its_content_instead_of_throwing()
    {
        var text = TestLicences.Signed(TestLicences.Content(expires: new DateOnly(2026, 1, 31)));

        var check = Verifier().Check(text);

        Assert.Multiple(() =>
        {
            Assert.That(check.IsValid, Is.False);
            Assert.That(check.Licence?.LicenceId, Is.EqualTo("T-0001"));
            Assert.That(check.Problem, Does.Contain("expired"));
        });
    }

    [Test]
    public void R_SM_1_an_rsa_signed_licence_verifies_with_the_rsa_public_key()
    {
        using var rsa = RSA.Create(2048);
        var text = LicenceSigner.Sign(TestLicences.Content(), rsa.ExportPkcs8PrivateKeyPem());

        var licence = new LicenceVerifier([rsa.ExportSubjectPublicKeyInfoPem()], _time).Verify(text);

        Assert.That(licence.LicenceId, Is.EqualTo("T-0001"));
    }

    [Test]
    public void R_SM_1_the_embedded_vendor_key_does_not_accept_the_development_licence()
    {
        var verifier = LicenceVerifier.WithVendorKey(_time);

        Assert.Multiple(() =>
        {
            Assert.That(verifier.TrustedKeyIds, Is.EquivalentTo(new[] { LicenceVerifier.VendorKeyId }));
            Assert.That(LicenceVerifier.VendorKeyId, Is.Not.EqualTo(LicensingService.DevelopmentKeyId));
            Assert.That(() => verifier.Verify(VendorKeys.DevelopmentLicence), Throws.TypeOf<LicenceException>().With.Message.Contains("does not trust"));
        });
    }

    [Test]
    public void R_SM_1_the_committed_development_licence_is_valid_under_the_development_key()
    {
        var licence = new LicenceVerifier([VendorKeys.DevelopmentPublicKeyPem], _time).Verify(VendorKeys.DevelopmentLicence);

        Assert.Multiple(() =>
        {
            Assert.That(licence.Databases, Is.EqualTo(new[] { "*" }));
            Assert.That(licence.Interfaces, Is.EquivalentTo(new[] { "caldav", "exchange" }));
            Assert.That(licence.Tier, Is.EqualTo("Verwaltung"));
            Assert.That(licence.Licensee, Does.Contain("development"));
        });
    }
}
