using System.Xml.Linq;

namespace ProadSync.FakeEws.Tests;

/// <summary>Item shapes, schema order of responses, and extended properties found by restriction.</summary>
public sealed class FakeEwsShapeTests
{
    private const string PublicTag = """<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="Tag" PropertyType="String"/>""";

    private FakeEwsServer _server = null!;
    private SoapClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeEwsServer.StartAsync(new FakeEwsOptions { Users = new Dictionary<string, string> { ["erin"] = "pw" } }, CancellationToken.None);
        _client = new SoapClient(_server.Endpoint, "erin", "pw");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task GetItem_shapes_return_what_they_promise()
    {
        var (_, created) = await _client.PostAsync("""<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:Subject>s</t:Subject><t:Start>2026-12-01T11:00:00</t:Start><t:End>2026-12-01T12:00:00</t:End><t:StartTimeZone Id="W. Europe Standard Time"/></t:CalendarItem></m:Items></m:CreateItem>""");
        var id = created!.Descendants(SoapClient.T + "ItemId").Single().Attribute("Id")!.Value;

        async Task<XElement> GetAsync(string shape)
        {
            var (_, body) = await _client.PostAsync($"""<m:GetItem><m:ItemShape>{shape}</m:ItemShape><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:GetItem>""");
            Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
            return body!.Descendants(SoapClient.T + "CalendarItem").Single();
        }

        var idOnly = await GetAsync("<t:BaseShape>IdOnly</t:BaseShape>");
        Assert.That(idOnly.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "ItemId" }));

        var withSubject = await GetAsync("""<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties>""");
        Assert.That(withSubject.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "ItemId", "Subject" }));

        var defaults = await GetAsync("<t:BaseShape>Default</t:BaseShape>");
        Assert.That(defaults.Element(SoapClient.T + "Start")!.Value, Is.EqualTo("2026-12-01T10:00:00Z"), "a time without offset is read in StartTimeZone");
        Assert.That(defaults.Element(SoapClient.T + "CalendarItemType")!.Value, Is.EqualTo("Single"));
        Assert.That(defaults.Element(SoapClient.T + "DateTimeCreated"), Is.Not.Null);

        var all = await GetAsync("<t:BaseShape>AllProperties</t:BaseShape>");
        var names = all.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.That(names.IndexOf("Subject"), Is.LessThan(names.IndexOf("Start")), "responses follow the schema order too");
        Assert.That(names, Does.Contain("ParentFolderId").And.Contain("LastModifiedTime").And.Contain("StartTimeZone"));
    }

    [Test]
    public async Task Extended_properties_are_stored_and_found_by_restriction()
    {
        var item = $"""<m:Items><t:Task><t:Subject>tagged</t:Subject><t:ExtendedProperty>{PublicTag}<t:Value>abc</t:Value></t:ExtendedProperty></t:Task></m:Items>""";
        var (_, created) = await _client.PostAsync($"""<m:CreateItem MessageDisposition="SaveOnly">{item}</m:CreateItem>""");
        var id = created!.Descendants(SoapClient.T + "ItemId").Single().Attribute("Id")!.Value;

        async Task<List<string>> FindAsync(string restriction)
        {
            var (_, body) = await _client.PostAsync($"""<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:Restriction>{restriction}</m:Restriction><m:ParentFolderIds><t:DistinguishedFolderId Id="tasks"/></m:ParentFolderIds></m:FindItem>""");
            return body!.Descendants(SoapClient.T + "ItemId").Select(e => e.Attribute("Id")!.Value).ToList();
        }

        Assert.That(await FindAsync($"<t:Exists>{PublicTag}</t:Exists>"), Is.EqualTo(new[] { id }));
        Assert.That(await FindAsync($"""<t:IsEqualTo>{PublicTag}<t:FieldURIOrConstant><t:Constant Value="abc"/></t:FieldURIOrConstant></t:IsEqualTo>"""), Is.EqualTo(new[] { id }));
        Assert.That(await FindAsync($"""<t:IsEqualTo>{PublicTag}<t:FieldURIOrConstant><t:Constant Value="abd"/></t:FieldURIOrConstant></t:IsEqualTo>"""), Is.Empty);

        // The PublicStrings set addressed by its GUID is the same MAPI property.
        var (_, read) = await _client.PostAsync($"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:ExtendedFieldURI PropertySetId="00020329-0000-0000-C000-000000000046" PropertyName="Tag" PropertyType="String"/></t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:GetItem>""");
        Assert.That(read!.Descendants(SoapClient.T + "Value").Single().Value, Is.EqualTo("abc"));
    }
}
