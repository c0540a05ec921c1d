using System.Xml.Linq;

namespace ProadSync.FakeEws.Tests;

/// <summary>The fake enforces the documented EWS rules that clients get wrong.</summary>
public sealed class FakeEwsProtocolTests
{
    private const string Calendar = """<m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId>""";
    private const string Appointment = """<m:Items><t:CalendarItem><t:Subject>s</t:Subject><t:Start>2026-12-01T10:00:00Z</t:Start><t:End>2026-12-01T11:00:00Z</t:End></t:CalendarItem></m:Items>""";

    private FakeEwsServer _server = null!;
    private SoapClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeEwsServer.StartAsync(new FakeEwsOptions { Users = new Dictionary<string, string> { ["bob"] = "pw" } }, CancellationToken.None);
        _client = new SoapClient(_server.Endpoint, "bob", "pw");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Requests_without_valid_credentials_get_401()
    {
        using var wrong = new SoapClient(_server.Endpoint, "bob", "nope");
        var (status, _) = await wrong.PostAsync("<m:GetFolder/>");
        Assert.That(status, Is.EqualTo(401));
    }

    [Test]
    public async Task RequestServerVersion_is_required()
    {
        var (status, body) = await _client.PostAsync($"<m:CreateItem SendMeetingInvitations=\"SendToNone\">{Calendar}{Appointment}</m:CreateItem>", version: string.Empty);
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorInvalidServerVersion"));
    }

    [Test]
    public async Task A_DTD_is_refused()
    {
        var (status, body) = await _client.PostRawAsync("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorSchemaValidation"));
    }

    [Test]
    public async Task Calendar_items_need_SendMeetingInvitations()
    {
        var (status, body) = await _client.PostAsync($"<m:CreateItem>{Calendar}{Appointment}</m:CreateItem>");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(SoapClient.Code(body!), Is.EqualTo("ErrorSendMeetingInvitationsRequired"));
        Assert.That(SoapClient.Message(body!).Attribute("ResponseClass")!.Value, Is.EqualTo("Error"));
    }

    [Test]
    public async Task Elements_out_of_xsd_order_fail_schema_validation()
    {
        var wrongOrder = """<m:Items><t:CalendarItem><t:Start>2026-12-01T10:00:00Z</t:Start><t:Subject>s</t:Subject></t:CalendarItem></m:Items>""";
        var (status, body) = await _client.PostAsync($"<m:CreateItem SendMeetingInvitations=\"SendToNone\">{Calendar}{wrongOrder}</m:CreateItem>");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorSchemaValidation"));
        Assert.That(body!.Descendants(SoapClient.T + "Violation").Single().Value, Does.Contain("Subject"));
    }

    [Test]
    public async Task A_created_item_has_an_id_and_a_change_key_that_changes_on_write()
    {
        var (id, changeKey) = await CreateAsync();
        var update = $"""<m:UpdateItem ConflictResolution="NeverOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{changeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>new</t:Subject></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""";
        var (_, body) = await _client.PostAsync(update);
        Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
        var newKey = body!.Descendants(SoapClient.T + "ItemId").Single().Attribute("ChangeKey")!.Value;
        Assert.That(newKey, Is.Not.EqualTo(changeKey));
        Assert.That(body.Descendants(SoapClient.T + "Count").Single().Value, Is.EqualTo("0"));

        var (_, stale) = await _client.PostAsync(update);
        Assert.That(SoapClient.Code(stale!), Is.EqualTo("ErrorIrresolvableConflict"));
    }

    [Test]
    public async Task UpdateItem_needs_ConflictResolution_a_ChangeKey_and_one_property_per_change()
    {
        var (id, changeKey) = await CreateAsync();
        var set = """<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>a</t:Subject></t:CalendarItem></t:SetItemField>""";
        var (status, noConflict) = await _client.PostAsync($"""<m:UpdateItem SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{changeKey}"/><t:Updates>{set}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(noConflict!), Is.EqualTo("ErrorSchemaValidation"));

        var (_, noKey) = await _client.PostAsync($"""<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}"/><t:Updates>{set}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.That(SoapClient.Code(noKey!), Is.EqualTo("ErrorChangeKeyRequiredForWriteOperations"));

        var (_, noSend) = await _client.PostAsync($"""<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{changeKey}"/><t:Updates>{set}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.That(SoapClient.Code(noSend!), Is.EqualTo("ErrorSendMeetingInvitationsOrCancellationsRequired"));

        var two = """<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>a</t:Subject><t:Sensitivity>Private</t:Sensitivity></t:CalendarItem></t:SetItemField>""";
        var (_, twoProps) = await _client.PostAsync($"""<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges><t:ItemChange><t:ItemId Id="{id}" ChangeKey="{changeKey}"/><t:Updates>{two}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>""");
        Assert.That(SoapClient.Code(twoProps!), Is.EqualTo("ErrorIncorrectUpdatePropertyCount"));
    }

    [Test]
    public async Task DeleteItem_needs_DeleteType_and_the_calendar_and_task_attributes()
    {
        var (id, _) = await CreateAsync();
        var (status, noType) = await _client.PostAsync($"""<m:DeleteItem SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:DeleteItem>""");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(noType!), Is.EqualTo("ErrorSchemaValidation"));

        var (_, noCancel) = await _client.PostAsync($"""<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:DeleteItem>""");
        Assert.That(SoapClient.Code(noCancel!), Is.EqualTo("ErrorSendMeetingCancellationsRequired"));

        var (_, task) = await _client.PostAsync("""<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Task><t:Subject>t</t:Subject></t:Task></m:Items></m:CreateItem>""");
        var taskId = task!.Descendants(SoapClient.T + "ItemId").Single().Attribute("Id")!.Value;
        var (_, noOccurrences) = await _client.PostAsync($"""<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="{taskId}"/></m:ItemIds></m:DeleteItem>""");
        Assert.That(SoapClient.Code(noOccurrences!), Is.EqualTo("ErrorAffectedTaskOccurrencesRequired"));

        var (_, ok) = await _client.PostAsync($"""<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:DeleteItem>""");
        Assert.That(SoapClient.Code(ok!), Is.EqualTo("NoError"));
        var (_, again) = await _client.PostAsync($"""<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="{id}"/></m:ItemIds></m:DeleteItem>""");
        Assert.That(SoapClient.Code(again!), Is.EqualTo("ErrorItemNotFound"));
    }

    [TestCase("0")]
    [TestCase("513")]
    public async Task MaxChangesReturned_must_be_1_to_512(string value)
    {
        var (status, body) = await _client.PostAsync($"""<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="calendar"/></m:SyncFolderId><m:MaxChangesReturned>{value}</m:MaxChangesReturned></m:SyncFolderItems>""");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(body!), Is.EqualTo("ErrorSchemaValidation"));
    }

    [Test]
    public async Task A_tampered_sync_state_is_ErrorInvalidSyncStateData()
    {
        string Sync(string? state) => $"""<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="tasks"/></m:SyncFolderId>{(state is null ? string.Empty : $"<m:SyncState>{state}</m:SyncState>")}<m:MaxChangesReturned>10</m:MaxChangesReturned></m:SyncFolderItems>""";
        var (_, first) = await _client.PostAsync(Sync(null));
        var state = first!.Descendants(SoapClient.M + "SyncState").Single().Value;
        var bytes = Convert.FromBase64String(state);
        bytes[10] ^= 1;
        var (_, tampered) = await _client.PostAsync(Sync(Convert.ToBase64String(bytes)));
        Assert.That(SoapClient.Code(tampered!), Is.EqualTo("ErrorInvalidSyncStateData"));
        var (_, ok) = await _client.PostAsync(Sync(state));
        Assert.That(SoapClient.Code(ok!), Is.EqualTo("NoError"));
    }

    [Test]
    public async Task Server_busy_can_be_injected_in_both_shapes()
    {
        _server.State.InjectServerBusy(1, 321, ServerBusyShape.Fault);
        var (status, fault) = await _client.PostAsync("""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>""");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(SoapClient.FaultCode(fault!), Is.EqualTo("ErrorServerBusy"));
        Assert.That(fault!.Descendants(SoapClient.T + "Value").Single().Value, Is.EqualTo("321"));

        _server.State.InjectServerBusy(1, 654, ServerBusyShape.ResponseMessage);
        var (okStatus, message) = await _client.PostAsync("""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>""");
        Assert.That(okStatus, Is.EqualTo(200));
        Assert.That(SoapClient.Code(message!), Is.EqualTo("ErrorServerBusy"));
        Assert.That(SoapClient.Message(message!).Element(SoapClient.M + "MessageXml")!.Element(SoapClient.T + "Value")!.Value, Is.EqualTo("654"));
    }

    [Test]
    public async Task Responses_carry_ServerVersionInfo_and_the_m_and_t_prefixes()
    {
        var (_, body) = await _client.PostAsync("""<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="contacts"/></m:FolderIds></m:GetFolder>""");
        Assert.That(body!.Descendants(SoapClient.T + "ServerVersionInfo").Single().Attribute("MajorVersion")!.Value, Is.EqualTo("15"));
        var message = SoapClient.Message(body);
        Assert.That(message.GetPrefixOfNamespace(SoapClient.M), Is.EqualTo("m"));
        Assert.That(message.Descendants(SoapClient.T + "ContactsFolder").Single().Element(SoapClient.T + "FolderClass")!.Value, Is.EqualTo("IPF.Contact"));
    }

    [Test]
    public async Task The_fake_listens_on_loopback_only() =>
        Assert.ThrowsAsync<ArgumentException>(async () => await FakeEwsServer.StartAsync(new FakeEwsOptions { Url = "http://0.0.0.0:0" }, CancellationToken.None));

    private async Task<(string Id, string ChangeKey)> CreateAsync()
    {
        var (_, body) = await _client.PostAsync($"<m:CreateItem SendMeetingInvitations=\"SendToNone\">{Calendar}{Appointment}</m:CreateItem>");
        Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));
        var id = body!.Descendants(SoapClient.T + "ItemId").Single();
        return (id.Attribute("Id")!.Value, id.Attribute("ChangeKey")!.Value);
    }
}
