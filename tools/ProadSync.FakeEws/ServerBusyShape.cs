namespace ProadSync.FakeEws;

/// <summary>The two shapes in which Exchange reports ErrorServerBusy.</summary>
public enum ServerBusyShape
{
    /// <summary>A SOAP fault with HTTP 500 and <c>t:MessageXml/t:Value Name="BackOffMilliseconds"</c> in the detail.</summary>
    Fault = 0,

    /// <summary>HTTP 200 with every response message ResponseClass="Error" and <c>m:MessageXml</c>.</summary>
    ResponseMessage = 1,
}
