namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A Web API error answered as <c>{"error":{"code","message"[,"innererror"]}}</c>. Thrown anywhere in request
/// handling and turned into a response once, in <see cref="WebApiDispatcher"/>.
/// </summary>
internal sealed class DataverseException(int status, string code, string message, string? innerType = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? InnerType { get; } = innerType;
    public int? RetryAfterSeconds { get; init; }
}
