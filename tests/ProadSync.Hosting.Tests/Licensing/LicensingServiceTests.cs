using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Tests.Fakes;

namespace ProadSync.Hosting.Tests.Licensing;

[TestFixture]
public sealed class LicensingServiceTests
{
    private FakeTimeProvider _time = null!;
    private InMemoryCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(TestLicences.Now);
        _catalog = new InMemoryCatalog().WithDatabase("alpha").WithDatabase("beta", "UTC");
    }

    private LicensingService Service(bool allowDevelopment = true)
    {
        var options = new LicensingOptions { AllowDevelopmentLicence = allowDevelopment };
        options.AdditionalTrustedPublicKeys.Add(TestLicences.TestVendorKey.PublicKeyPem);
        return new LicensingService(_catalog, _time, NullLogger.Instance, options);
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_install_stores_a_verified_licence_and_show_reports_it_valid()
    {
        var service = Service();
        await service.InstallAsync(TestLicences.Signed());

        var status = await Service().GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Installed, Is.True);
            Assert.That(status.Valid, Is.True);
            Assert.That(status.Problem, Is.Null);
            Assert.That(status.Development, Is.False);
            Assert.That(status.Licence?.Licensee, Is.EqualTo("Test GmbH"));
        });
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_a_refused_licence_changes_nothing()
    {
        var service = Service();
        await service.InstallAsync(TestLicences.Signed(TestLicences.Content(databases: ["alpha"])));
        var writes = _catalog.SettingWrites;

        Assert.That(async () => await service.InstallAsync(TestLicences.Signed(privateKeyPem: TestLicences.ForeignTestKey.PrivateKeyPem)), Throws.TypeOf<LicenceException>());
        Assert.That(async () => await service.InstallAsync(TestLicences.Signed(TestLicences.Content(tier: "Basis"))), Throws.TypeOf<LicenceException>().With.Message.Contains("Verwaltung"));

        var status = await service.GetAsync();
        Assert.Multiple(() =>
        {
            Assert.That(_catalog.SettingWrites, Is.EqualTo(writes));
            Assert.That(status.Licence?.Databases, Is.EqualTo(new[] { "alpha" }));
        });
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_without_a_licence_show_says_what_to_do()
    {
        var status = await Service().GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Installed, Is.False);
            Assert.That(status.Valid, Is.False);
            Assert.That(status.Problem, Does.Contain("licence install"));
        });
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_SM_2_enabling_without_a_licence_is_refused_with_a_sentence_that_says_what_to_do()
    {
        var ex = Assert.ThrowsAsync<LicenceException>(async () => await Service().SetEnabledAsync("alpha", "caldav", true));

        Assert.That(ex!.Message, Does.Contain("cannot be switched on").And.Contain("install a licence covering it").And.Contain("development.licence"));
        var list = await Service().ListDatabaseInterfacesAsync();
        Assert.That(list.Single(d => d.Name == "alpha").Interfaces.Single(i => i.Interface == "caldav").Enabled, Is.False);
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_SM_2_enabling_a_database_the_licence_does_not_cover_is_refused()
    {
        var service = Service();
        await service.InstallAsync(TestLicences.Signed(TestLicences.Content(databases: ["alpha"], interfaces: ["caldav"])));

        var ex = Assert.ThrowsAsync<LicenceException>(async () => await service.SetEnabledAsync("beta", "caldav", true));
        Assert.That(ex!.Message, Does.Contain("covers databases alpha").And.Contain("licence install"));

        var ex2 = Assert.ThrowsAsync<LicenceException>(async () => await service.SetEnabledAsync("alpha", "exchange", true));
        Assert.That(ex2!.Message, Does.Contain("interfaces caldav only"));
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_SM_2_list_shows_licensed_enabled_and_the_green_marker_per_database_and_interface()
    {
        var service = Service();
        await service.InstallAsync(TestLicences.Signed(TestLicences.Content(databases: ["alpha"], interfaces: ["caldav", "exchange"])));
        var state = await service.SetEnabledAsync("ALPHA", "CalDAV", true);

        Assert.That(state, Is.EqualTo(new DatabaseInterfaceState("alpha", "caldav", true, true, true)));

        var list = await service.ListDatabaseInterfacesAsync(["carddav-x"]);
        var alpha = list.Single(d => d.Name == "alpha");
        var beta = list.Single(d => d.Name == "beta");
        Assert.Multiple(() =>
        {
            Assert.That(list.Select(d => d.Name), Is.EqualTo(new[] { "alpha", "beta" }));
            Assert.That(alpha.Provider, Is.EqualTo("sqlite"));
            Assert.That(alpha.TimeZone, Is.EqualTo("Europe/Berlin"));
            Assert.That(alpha.Interfaces.Select(i => i.Interface), Is.EqualTo(new[] { "caldav", "exchange", "carddav-x" }));
            Assert.That(alpha.Interfaces[0], Is.EqualTo(new InterfaceState("caldav", Licensed: true, Enabled: true, Green: true)));
            Assert.That(alpha.Interfaces[1], Is.EqualTo(new InterfaceState("exchange", Licensed: true, Enabled: false, Green: false)));
            Assert.That(alpha.Interfaces[2], Is.EqualTo(new InterfaceState("carddav-x", Licensed: false, Enabled: false, Green: false)));
            Assert.That(beta.Interfaces[0], Is.EqualTo(new InterfaceState("caldav", Licensed: false, Enabled: false, Green: false)));
        });
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_SM_2_an_expired_licence_takes_the_green_marker_away_and_disabling_is_still_allowed()
    {
        var service = Service();
        await service.InstallAsync(TestLicences.Signed(TestLicences.Content(expires: new DateOnly(2026, 6, 30))));
        await service.SetEnabledAsync("alpha", "exchange", true);
        await service.RefreshAsync();
        Assert.That(service.IsUsable("alpha", "exchange"), Is.True);

        _time.SetUtcNow(new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.Zero));
        var list = await service.ListDatabaseInterfacesAsync();
        var exchange = list.Single(d => d.Name == "alpha").Interfaces.Single(i => i.Interface == "exchange");
        Assert.Multiple(() =>
        {
            Assert.That(exchange, Is.EqualTo(new InterfaceState("exchange", Licensed: false, Enabled: true, Green: false)));
            Assert.That(service.IsUsable("alpha", "exchange"), Is.False);
        });

        var off = await service.SetEnabledAsync("alpha", "exchange", false);
        Assert.That(off, Is.EqualTo(new DatabaseInterfaceState("alpha", "exchange", false, false, false)));
        var status = await service.GetAsync();
        Assert.That(status.Problem, Does.Contain("expired"));
    }

    [Test]
    [Category("R-SM-1")]
    public void R_SM_1_unknown_database_or_bad_interface_name_is_refused()
    {
        var service = Service();
        Assert.That(async () => await service.SetEnabledAsync("gamma", "caldav", false), Throws.TypeOf<LicenceException>().With.Message.Contains("no database 'gamma'"));
        Assert.That(async () => await service.SetEnabledAsync("alpha", "cal dav", false), Throws.TypeOf<LicenceException>().With.Message.Contains("not an interface name"));
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_SM_2_is_usable_needs_green_and_an_interface_less_plugin_is_always_usable()
    {
        var service = Service();
        Assert.That(() => service.IsUsable("alpha", "caldav"), Throws.InvalidOperationException);

        await service.InstallAsync(TestLicences.Signed(TestLicences.Content(databases: ["alpha"], interfaces: ["caldav"])));
        await service.SetEnabledAsync("alpha", "caldav", true);

        Assert.Multiple(() =>
        {
            Assert.That(service.IsUsable("alpha", "caldav"), Is.True);
            Assert.That(service.IsUsable("Alpha", "CALDAV"), Is.True);
            Assert.That(service.IsUsable("alpha", "exchange"), Is.False);
            Assert.That(service.IsUsable("beta", "caldav"), Is.False);
            Assert.That(service.IsUsable("beta", null), Is.True, "vdir has no interface");
            Assert.That(service.IsLicensed(null, null), Is.True);
            Assert.That(service.IsLicensed("caldav", null), Is.True, "licensed for some database");
            Assert.That(service.IsLicensed("caldav", "beta"), Is.False);
            Assert.That(service.IsLicensed("exchange", null), Is.False);
        });
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_the_development_licence_installs_and_trusts_the_development_key_for_this_home_only()
    {
        var licence = await Service().InstallDevelopmentLicenceAsync();
        var status = await Service().GetAsync();
        var state = await Service().SetEnabledAsync("beta", "exchange", true);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(licence.Databases, Is.EqualTo(new[] { "*" }));
            Assert.That(status.Valid, Is.True);
            Assert.That(status.Development, Is.True);
            Assert.That(status.KeyId, Is.EqualTo(LicensingService.DevelopmentKeyId));
            Assert.That(await _catalog.GetSettingAsync(LicensingSettings.TrustedKeys, CancellationToken.None), Does.Contain("BEGIN PUBLIC KEY"));
            Assert.That(state.Green, Is.True);
        });

        var otherHome = new LicensingService(new InMemoryCatalog().WithDatabase("alpha"), _time, NullLogger.Instance);
        Assert.That(() => LicenceVerifier.WithVendorKey(_time).Verify(VendorKeys.DevelopmentLicence), Throws.TypeOf<LicenceException>());
        Assert.That((await otherHome.GetAsync()).Installed, Is.False);
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_the_development_licence_file_installs_like_any_licence_file()
    {
        var licence = await Service().InstallAsync(VendorKeys.DevelopmentLicence);

        Assert.That(licence.LicenceId, Is.EqualTo("DEV-0001"));
        Assert.That((await Service().GetAsync()).Valid, Is.True);
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_a_host_that_refuses_development_licences_refuses_and_ignores_them()
    {
        Assert.That(async () => await Service(allowDevelopment: false).InstallDevelopmentLicenceAsync(), Throws.TypeOf<LicenceException>().With.Message.Contains("licence install"));
        Assert.That(async () => await Service(allowDevelopment: false).InstallAsync(VendorKeys.DevelopmentLicence), Throws.TypeOf<LicenceException>().With.Message.Contains("does not trust"));

        await Service().InstallDevelopmentLicenceAsync();
        var status = await Service(allowDevelopment: false).GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Installed, Is.True);
            Assert.That(status.Valid, Is.False);
            Assert.That(status.Problem, Does.Contain("does not trust"));
        });
    }

    [Test]
    [Category("R-SM-3")]
    public void R_SM_3_install_refuses_a_licence_of_another_tier()
    {
        Assert.That(async () => await Service().InstallAsync(TestLicences.Signed(TestLicences.Content(tier: "Standard"))), Throws.TypeOf<LicenceException>().With.Message.Contains("R-SM-3"));
    }

    [Test]
    [Category("R-SM-1")]
    public async Task R_SM_1_an_admin_can_trust_an_additional_public_key_for_this_home()
    {
        var resellerKey = LicenceSigner.CreateKeyPair();
        var plain = new LicensingService(_catalog, _time, NullLogger.Instance);
        var text = TestLicences.Signed(privateKeyPem: resellerKey.PrivateKeyPem);
        Assert.That(async () => await plain.InstallAsync(text), Throws.TypeOf<LicenceException>().With.Message.Contains("does not trust"));

        Assert.That(async () => await plain.AddTrustedKeyAsync(resellerKey.PrivateKeyPem), Throws.TypeOf<LicenceException>().With.Message.Contains("private key"));
        Assert.That(async () => await plain.AddTrustedKeyAsync("not a key"), Throws.TypeOf<LicenceException>());
        var keyId = await plain.AddTrustedKeyAsync(resellerKey.PublicKeyPem);
        await plain.AddTrustedKeyAsync(resellerKey.PublicKeyPem);

        Assert.That(keyId, Is.EqualTo(LicenceSigner.KeyIdOf(resellerKey.PublicKeyPem)));
        Assert.That((await plain.InstallAsync(text)).LicenceId, Is.EqualTo("T-0001"));
        Assert.That(System.Text.Json.JsonSerializer.Deserialize<string[]>((await _catalog.GetSettingAsync(LicensingSettings.TrustedKeys, CancellationToken.None))!), Has.Length.EqualTo(1));
    }
}
