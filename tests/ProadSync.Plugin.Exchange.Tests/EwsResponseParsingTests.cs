using System.Net;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Exchange.Ews;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>How responses are read: success, per-item errors, both ErrorServerBusy shapes, faults and bad answers.</summary>
public sealed class EwsResponseParsingTests
{
    private static readonly DateRange Window = new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    private static EwsConnectionSettings Settings(Dictionary<string, string>? options = null) => EwsConnectionSettings.From(new TargetSettings
    {
        Url = "http://127.0.0.1:1/EWS/Exchange.asmx",
        UserName = "alice",
        Password = "secret",
        Options = options ?? new Dictionary<string, string>(),
    });

    private static (ExchangeCalendarTarget Target, StubHandler Handler) Target(Dictionary<string, string>? options = null)
    {
        var handler = new StubHandler();
        var settings = Settings(options);
        return (new ExchangeCalendarTarget(new EwsClient(settings, handler), settings), handler);
    }

    [Test]
    public async Task A_success_message_yields_the_item_id_and_change_key()
    {
        var (target, handler) = Target();
        handler.Respond(HttpStatusCode.OK, Empty("FindItem")).RespondFixture(HttpStatusCode.OK, "CreateItem-Success.xml");
        var result = await target.CreateAsync(TodoKind.Appointment, "x", new CalendarItem { Kind = TodoKind.Appointment, Subject = "s" }, CancellationToken.None);
        Assert.That(result, Is.EqualTo(new CreateResult(new ExternalItemRef("AAAlAFV", new ItemVersion("DwAAABYA")), false)));
    }

    [Test]
    public void A_ResponseClass_Error_message_rejects_the_item_with_the_code()
    {
        var (target, handler) = Target();
        handler.Respond(HttpStatusCode.OK, Empty("FindItem")).RespondFixture(HttpStatusCode.OK, "CreateItem-Error.xml");
        var error = Assert.ThrowsAsync<ItemRejectedException>(() =>
            target.CreateAsync(TodoKind.Appointment, "x", new CalendarItem { Kind = TodoKind.Appointment }, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("ErrorCannotCreateCalendarItemInNonCalendarFolder"));
    }

    [Test]
    public void ErrorServerBusy_as_a_soap_fault_carries_BackOffMilliseconds()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.InternalServerError, "Fault-ServerBusy.xml");
        var error = Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(297749)));
    }

    [Test]
    public void ErrorServerBusy_inside_a_response_message_carries_BackOffMilliseconds()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.OK, "SyncFolderItems-ServerBusy.xml");
        var error = Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(5000)));
    }

    [Test]
    public async Task ErrorInvalidSyncStateData_restarts_with_a_full_listing()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.OK, "SyncFolderItems-InvalidSyncState.xml").RespondFixture(HttpStatusCode.OK, "SyncFolderItems-Page.xml");
        var result = await target.GetChangesAsync(TodoKind.Appointment, new SyncCursor("old"), Window, CancellationToken.None);
        Assert.That(result.IsFullListing, Is.True);
        Assert.That(result.DeletedIds, Is.Empty, "a full listing has no deletions");
        Assert.That(result.Items.Select(i => i.Id), Is.EquivalentTo(new[] { "AQMkAD1", "q04QAAAA==" }));
        Assert.That(result.NextCursor, Is.EqualTo(new SyncCursor("H4sIAAAAAAAEAO29B2AcSZY==")));
        Assert.That(handler.Requests[0], Does.Contain("<m:SyncState>old</m:SyncState>"));
        Assert.That(handler.Requests[1], Does.Not.Contain("SyncState"));
    }

    [Test]
    public async Task A_delta_page_reports_creates_updates_and_deletes_and_ignores_read_flags()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.OK, "SyncFolderItems-Page.xml");
        var result = await target.GetChangesAsync(TodoKind.Appointment, new SyncCursor("s"), Window, CancellationToken.None);
        Assert.That(result.IsFullListing, Is.False);
        Assert.That(result.Items, Is.EquivalentTo(new[]
        {
            new ExternalItemRef("AQMkAD1", new ItemVersion("DwAAAB1")), new ExternalItemRef("q04QAAAA==", new ItemVersion("CQAAABYAAADZ")),
        }));
        Assert.That(result.DeletedIds, Is.EqualTo(new[] { "q1AwAAAA==" }));
    }

    [Test]
    public void ErrorIrresolvableConflict_becomes_a_version_conflict()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.OK, "UpdateItem-Conflict.xml");
        var error = Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment,
            new ExternalItemRef("AAMk1", new ItemVersion("old")), new CalendarItem { Kind = TodoKind.Appointment }, CancellationToken.None));
        Assert.That(error!.ItemId, Is.EqualTo("AAMk1"));
    }

    [Test]
    public void A_schema_validation_fault_rejects_the_request_with_the_violation()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.InternalServerError, "Fault-SchemaValidation.xml");
        var error = Assert.ThrowsAsync<ItemRejectedException>(() => target.UpdateAsync(TodoKind.Appointment,
            new ExternalItemRef("AAMk1", new ItemVersion("ck")), new CalendarItem { Kind = TodoKind.Appointment }, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("ErrorSchemaValidation"));
    }

    [Test]
    public void A_response_with_a_DTD_is_refused()
    {
        var (target, handler) = Target();
        handler.RespondFixture(HttpStatusCode.OK, "Dtd.xml");
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("valid EWS XML"));
    }

    [Test]
    public void An_html_page_instead_of_soap_is_a_configuration_error()
    {
        var (target, handler) = Target();
        handler.Respond(HttpStatusCode.OK, "<html><body>Outlook Web App</body></html>", "text/html");
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("check the Exchange URL"));
    }

    [Test]
    public void An_oversized_response_is_refused()
    {
        var (target, handler) = Target(new() { ["maxResponseMegabytes"] = "1" });
        handler.Respond(HttpStatusCode.OK, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + new string('x', 1_200_000) + "</s:Body></s:Envelope>");
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("larger than the limit"));
    }

    [Test]
    public void Http_401_is_an_authentication_failure()
    {
        var (target, handler) = Target();
        handler.Respond(HttpStatusCode.Unauthorized, string.Empty);
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
    }

    [Test]
    public void Http_503_with_Retry_After_is_transient()
    {
        var (target, handler) = Target();
        handler.Respond(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        var error = Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Http_404_names_the_endpoint()
    {
        var (target, handler) = Target();
        handler.Respond(HttpStatusCode.NotFound, string.Empty);
        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("/EWS/Exchange.asmx"));
    }

    [Test]
    public async Task Basic_credentials_are_sent_and_a_domain_user_is_not_sent_as_Basic()
    {
        string? header = null;
        var handler = new StubHandler();
        handler.Respond(HttpStatusCode.OK, Empty("FindItem"));
        var settings = Settings();
        using var client = new EwsClient(settings, new CapturingHandler(handler, r => header = r.Headers.Authorization?.ToString()));
        await client.SendAsync("FindItem", EwsRequests.FindItem("contacts", 0, 1, null), CancellationToken.None);
        Assert.That(header, Is.EqualTo("Basic " + Convert.ToBase64String("alice:secret"u8.ToArray())));

        var domain = EwsConnectionSettings.From(new TargetSettings { Url = "https://mail.example.test/EWS/Exchange.asmx", UserName = "CORP\\alice", Password = "secret" });
        handler.Respond(HttpStatusCode.OK, Empty("FindItem"));
        using var ntlm = new EwsClient(domain, new CapturingHandler(handler, r => header = r.Headers.Authorization?.ToString()));
        await ntlm.SendAsync("FindItem", EwsRequests.FindItem("contacts", 0, 1, null), CancellationToken.None);
        Assert.That(header, Is.Null, "DOMAIN\\user goes through NetworkCredential (NTLM/Negotiate), never as Basic");
    }

    private static HttpResponseMessage Coded(string coding, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add(coding);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    [Test]
    public async Task A_gzip_answer_is_decompressed()
    {
        var handler = new StubHandler();
        handler.Respond(() => Coded("gzip", Gzip(Empty("FindItem"))));
        using var client = new EwsClient(Settings(), handler);

        var messages = await client.SendAsync("FindItem", EwsRequests.FindItem("contacts", 0, 1, null), CancellationToken.None);

        Assert.That(messages, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_body_marked_as_gzip_that_is_not_gzip_is_a_transient_failure_in_one_sentence_naming_the_server()
    {
        var handler = new StubHandler();
        handler.Respond(() => Coded("gzip", [0x1F, 0x8B, .. "this is not gzip"u8.ToArray()]));
        using var client = new EwsClient(Settings(), handler);

        var error = Assert.ThrowsAsync<TransientTargetException>(() => client.SendAsync("FindItem", EwsRequests.FindItem("contacts", 0, 1, null), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("The Exchange server at http://127.0.0.1:1/EWS/Exchange.asmx sent a body marked as gzip that could not be decompressed."));
    }

    [Test]
    public void A_gzip_bomb_beyond_the_size_cap_is_refused()
    {
        var handler = new StubHandler();
        handler.Respond(() => Coded("gzip", Gzip(new string(' ', 3 * 1024 * 1024))));
        using var client = new EwsClient(Settings(new Dictionary<string, string> { ["maxResponseMegabytes"] = "1" }), handler);

        var error = Assert.ThrowsAsync<TargetConfigurationException>(() => client.SendAsync("FindItem", EwsRequests.FindItem("contacts", 0, 1, null), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("once decompressed"));
    }

    [TestCase("ftp://host/EWS/Exchange.asmx")]
    [TestCase("not a url")]
    public void Invalid_urls_are_configuration_errors(string url) =>
        Assert.Throws<TargetConfigurationException>(() => EwsConnectionSettings.From(new TargetSettings { Url = url, UserName = "u", Password = "p" }));

    [Test]
    public void A_bare_host_gets_the_EWS_path() =>
        Assert.That(EwsConnectionSettings.From(new TargetSettings { Url = "https://mail.example.test", UserName = "u", Password = "p" }).Endpoint.ToString(),
            Is.EqualTo("https://mail.example.test/EWS/Exchange.asmx"));

    private static string Empty(string operation) =>
        $"""<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:{operation}Response xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:{operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder IndexedPagingOffset="0" TotalItemsInView="0" IncludesLastItemInRange="true"><t:Items/></m:RootFolder></m:{operation}ResponseMessage></m:ResponseMessages></m:{operation}Response></s:Body></s:Envelope>""";

    private sealed class CapturingHandler(HttpMessageHandler inner, Action<HttpRequestMessage> capture) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            capture(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
