namespace ProadSync.FakeEws.Protocol;

/// <summary>A failure of one item of a batch, answered with ResponseClass="Error" in that item's response message.</summary>
internal sealed class EwsItemException : Exception
{
    public EwsItemException(string responseCode, string message)
        : base(message) => ResponseCode = responseCode;

    public string ResponseCode { get; }
}
