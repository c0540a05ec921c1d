using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Tests;

/// <summary>Posts raw SOAP to the fake, the way a minimal EWS client would.</summary>
internal sealed class SoapClient : IDisposable
{
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace E = "http://schemas.microsoft.com/exchange/services/2006/errors";
    public static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";

    private readonly HttpClient _http = new();
    private readonly Uri _endpoint;

    public SoapClient(Uri endpoint, string user, string password)
    {
        _endpoint = endpoint;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    /// <summary>Sets (or with <see langword="null"/> removes) the X-AnchorMailbox header of the following requests.</summary>
    public void SetAnchorMailbox(string? address)
    {
        _http.DefaultRequestHeaders.Remove("X-AnchorMailbox");
        if (address is not null)
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation("X-AnchorMailbox", address);
        }
    }

    public async Task<(int Status, XDocument? Body)> PostRawAsync(string xml)
    {
        using var response = await _http.PostAsync(_endpoint, new StringContent(xml, Encoding.UTF8, "text/xml"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : XDocument.Parse(text));
    }

    /// <summary>Posts an operation (in m:/t: prefixes) inside an envelope with RequestServerVersion.</summary>
    public Task<(int Status, XDocument? Body)> PostAsync(string operation, string version = "<t:RequestServerVersion Version=\"Exchange2013_SP1\"/>") =>
        PostRawAsync($"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{S}" xmlns:t="{T}" xmlns:m="{M}"><soap:Header>{version}</soap:Header><soap:Body>{operation}</soap:Body></soap:Envelope>""");

    public static XElement Message(XDocument body) => body.Descendants().First(e => e.Name.LocalName.EndsWith("ResponseMessage", StringComparison.Ordinal));

    public static string Code(XDocument body) => Message(body).Element(M + "ResponseCode")!.Value;

    public static string FaultCode(XDocument body) => body.Descendants(E + "ResponseCode").Single().Value;

    public void Dispose() => _http.Dispose();
}
