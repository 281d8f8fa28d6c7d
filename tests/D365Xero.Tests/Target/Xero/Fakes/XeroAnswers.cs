using System.Net;
using System.Text;
using System.Text.Json;
using D365Xero.Target.Xero;

namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>Answers a fake Xero gives, shaped as the reference describes them.</summary>
internal static class XeroAnswers
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public static HttpResponseMessage Ok(object envelope, params (string Name, string Value)[] headers) =>
        Json(HttpStatusCode.OK, JsonSerializer.Serialize(envelope, XeroJson.Options), headers);

    public static HttpResponseMessage Status(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        Json(status, "{}", headers);

    public static HttpResponseMessage Empty(HttpStatusCode status) => new(status);

    public static HttpResponseMessage Token(string accessToken, string? refreshToken = null, int expiresIn = 1800) =>
        Json(HttpStatusCode.OK, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["access_token"] = accessToken,
            ["expires_in"] = expiresIn,
            ["token_type"] = "Bearer",
            ["refresh_token"] = refreshToken,
        }));

    public static HttpResponseMessage Currencies(params (string Name, string Value)[] headers) =>
        Ok(new { Currencies = new[] { new { Code = "NZD", Description = "New Zealand Dollar" } } }, headers);
}
