using System.Text;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>A status and a JSON body, produced under the organisation's lock and written after it is released.</summary>
internal sealed record ApiReply(int Status, string Body)
{
    public static ApiReply Json(int status, object body) => new(status, XeroJson.Serialize(body));

    public static ApiReply NotFound() => new(404, "");

    public IResult ToResult() => Body.Length == 0
        ? Results.Text("The resource you're looking for cannot be found", "text/plain", Encoding.UTF8, Status)
        : Results.Text(Body, "application/json", Encoding.UTF8, Status);
}
