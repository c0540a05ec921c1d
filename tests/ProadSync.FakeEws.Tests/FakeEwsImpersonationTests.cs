namespace ProadSync.FakeEws.Tests;

/// <summary>
/// Issue 5: the fake follows Microsoft's documented Exchange impersonation: only holders of the
/// ApplicationImpersonation role may send <c>ExchangeImpersonation</c> (others get the SOAP fault
/// <c>ErrorImpersonateUserDenied</c>), an address without a mailbox gets <c>ErrorNonExistentMailbox</c>, an empty
/// <c>ConnectingSID</c> gets <c>ErrorInvalidExchangeImpersonationHeaderData</c>, and items live per mailbox.
/// </summary>
[Description("issue 5")]
public sealed class FakeEwsImpersonationTests
{
    private const string Calendar = """<m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>""";
    private const string Appointment = """<m:Items><t:CalendarItem><t:Subject>s</t:Subject><t:Start>2026-12-01T10:00:00Z</t:Start><t:End>2026-12-01T11:00:00Z</t:End></t:CalendarItem></m:Items>""";
    private const string Create = $"""<m:CreateItem SendMeetingInvitations="SendToNone">{Calendar}{Appointment}</m:CreateItem>""";

    private FakeEwsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await FakeEwsServer.StartAsync(new FakeEwsOptions
    {
        Users = new Dictionary<string, string> { ["svc"] = "pw", ["plain"] = "pw", ["carol@example.test"] = "pw" },
        SmtpAddresses = new Dictionary<string, string> { ["boss@example.test"] = "boss" },
        Impersonators = ["svc"],
    }, CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static string Header(string identifier) =>
        $"""<t:RequestServerVersion Version="Exchange2013_SP1"/><t:ExchangeImpersonation><t:ConnectingSID>{identifier}</t:ConnectingSID></t:ExchangeImpersonation>""";

    private static string Smtp(string address, string element = "SmtpAddress") => Header($"<t:{element}>{address}</t:{element}>");

    [Test]
    public async Task A_holder_of_the_role_creates_in_the_target_mailbox_and_not_in_its_own()
    {
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");
        client.SetAnchorMailbox("boss@example.test");
        var boss = _server.State.Mailbox("boss");
        var before = boss.ImpersonatedRequests;
        var (status, body) = await client.PostAsync(Create, Smtp("boss@example.test"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
        var id = body!.Descendants(SoapClient.T + "ItemId").Single().Attribute("Id")!.Value;

        Assert.That(boss.ItemIds("calendar"), Does.Contain(id));
        Assert.That(_server.State.Mailbox("svc").Find(id), Is.Null, "not in the service account's mailbox");
        Assert.That(boss.ImpersonatedRequests, Is.EqualTo(before + 1));

        var get = $"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:GetItem>""";
        var (_, own) = await client.PostAsync(get);
        Assert.That(SoapClient.Code(own!), Is.EqualTo("ErrorItemNotFound"), "without the header the service account sees its own mailbox");
        var (_, impersonated) = await client.PostAsync(get, Smtp("boss@example.test"));
        Assert.That(SoapClient.Code(impersonated!), Is.EqualTo("NoError"), "with it, the target's");
    }

    [TestCase("PrimarySmtpAddress")]
    [TestCase("PrincipalName")]
    [TestCase("SmtpAddress")]
    public async Task The_target_can_be_named_by_any_address_element(string element)
    {
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");
        client.SetAnchorMailbox("boss@example.test");
        var (status, body) = await client.PostAsync(Create, Smtp("BOSS@example.test", element));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
    }

    [Test]
    public async Task A_user_name_that_is_an_address_is_its_own_SMTP_address()
    {
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");
        client.SetAnchorMailbox("carol@example.test");
        var (_, body) = await client.PostAsync(Create, Smtp("carol@example.test"));
        Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
        Assert.That(_server.State.Mailbox("carol@example.test").ItemIds("calendar"), Is.Not.Empty);
    }

    [Test]
    public async Task Without_the_role_the_fault_is_ErrorImpersonateUserDenied()
    {
        using var client = new SoapClient(_server.Endpoint, "plain", "pw");
        client.SetAnchorMailbox("boss@example.test");
        var count = _server.State.Mailbox("boss").ItemIds("calendar").Count;
        var (status, body) = await client.PostAsync(Create, Smtp("boss@example.test"));
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorImpersonateUserDenied"));
        Assert.That(body!.Descendants("faultcode").Single().Value, Is.EqualTo("a:ErrorImpersonateUserDenied"));
        Assert.That(_server.State.Mailbox("boss").ItemIds("calendar"), Has.Count.EqualTo(count));
        Assert.That(_server.State.Mailbox("plain").ItemIds("calendar"), Is.Empty);
    }

    [Test]
    public async Task Revoking_the_role_denies_again()
    {
        _server.State.AddUser("temp", "pw");
        _server.State.GrantImpersonation("temp");
        using var client = new SoapClient(_server.Endpoint, "temp", "pw");
        client.SetAnchorMailbox("boss@example.test");
        Assert.That(SoapClient.Code((await client.PostAsync(Create, Smtp("boss@example.test"))).Body!), Is.EqualTo("NoError"));
        _server.State.RevokeImpersonation("temp");
        Assert.That(SoapClient.FaultCode((await client.PostAsync(Create, Smtp("boss@example.test"))).Body!), Is.EqualTo("ErrorImpersonateUserDenied"));
    }

    [TestCase("<t:SmtpAddress>nobody@example.test</t:SmtpAddress>")]
    [TestCase("<t:SID>S-1-5-21-1493619105-1843311271-3936346804-1118</t:SID>")]
    public async Task An_address_without_a_mailbox_gets_ErrorNonExistentMailbox(string identifier)
    {
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");
        var (status, body) = await client.PostAsync(Create, Header(identifier));
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorNonExistentMailbox"));
    }

    [TestCase("")]
    [TestCase("<t:SmtpAddress> </t:SmtpAddress>")]
    public async Task An_empty_ConnectingSID_gets_ErrorInvalidExchangeImpersonationHeaderData(string identifier)
    {
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");
        var (status, body) = await client.PostAsync(Create, Header(identifier));
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorInvalidExchangeImpersonationHeaderData"));
    }

    [Test]
    [Description("Microsoft: with impersonation always send X-AnchorMailbox. The fake serves requests without it, as on-premises Exchange does, but counts them.")]
    public async Task A_missing_or_wrong_X_AnchorMailbox_is_served_but_counted()
    {
        _server.State.AddSmtpAddress("dana", "dana@example.test");
        var dana = _server.State.Mailbox("dana");
        using var client = new SoapClient(_server.Endpoint, "svc", "pw");

        var (_, without) = await client.PostAsync(Create, Smtp("dana@example.test"));
        Assert.That(SoapClient.Code(without!), Is.EqualTo("NoError"));
        Assert.That(dana.ImpersonatedRequestsWithoutAnchorMailbox, Is.EqualTo(1));

        client.SetAnchorMailbox("boss@example.test");
        await client.PostAsync(Create, Smtp("dana@example.test"));
        Assert.That(dana.ImpersonatedRequestsWithoutAnchorMailbox, Is.EqualTo(2), "an anchor naming another mailbox counts too");

        client.SetAnchorMailbox("Dana@Example.test");
        await client.PostAsync(Create, Smtp("dana@example.test"));
        Assert.That(dana.ImpersonatedRequestsWithoutAnchorMailbox, Is.EqualTo(2), "the right anchor (any case) does not count");
        Assert.That(dana.ImpersonatedRequests, Is.EqualTo(3));
        Assert.That(dana.ItemIds("calendar"), Has.Count.EqualTo(3));
    }
}
