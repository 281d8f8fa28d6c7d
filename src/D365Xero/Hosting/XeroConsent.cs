using System.Security.Cryptography;
using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.Model;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace D365Xero.Hosting;

/// <summary>
/// `connect`: the one-time consent of a standard Xero app (authorization-code flow, docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2).
/// Shows the authorize URL, waits on the loopback redirect, checks <c>state</c>, exchanges the code at
/// <c>{IdentityUrl}/connect/token</c>, lists the organisations from <c>{ApiUrl}/connections</c>
/// (docs/xero-rules.md#x-connections-per-token; XeroAPI/Xero-OpenAPI#585), and stores the grant (refresh token, tenant) encrypted through <see cref="StoredXeroGrants"/>.
/// From then on the connection uses the refresh-token flow. A Custom Connection needs none of this.
/// </summary>
public sealed class XeroConsent(HttpClient http, XeroOptions options, StoredXeroGrants grants, TimeProvider time)
{
    private const string AuthHint = "Check Xero__ClientId and Xero__ClientSecret (a standard app's, not a Custom Connection's), and that the redirect URI is registered in the Xero app.";

    public async Task<ConsentResult> RunAsync(ConsentRequest request, CancellationToken ct)
    {
        // Refuse before the user spends a consent on a grant that could not be kept.
        if (!grants.CanSave) throw new XeroConsentException(StoredXeroGrants.MissingKeyMessage);
        if (!options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("offline_access"))
            throw new XeroConsentException($"Xero__Scopes ('{options.Scopes}') lacks offline_access: without it Xero issues no refresh token, and the connection would stop after 30 minutes.");

        using var timeout = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        ConsentCallback callback;
        Uri redirectUri;
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using (var redirect = await LoopbackRedirect.StartAsync(request.RedirectPort, ct))
        {
            redirectUri = redirect.RedirectUri;
            request.ShowAuthorizeUrl(AuthorizeUri(redirectUri, state));
            try
            {
                callback = await redirect.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new XeroConsentException($"No answer from the browser within {request.Timeout.TotalMinutes:0.#} minutes. Run `d365-xero connect` again and open the URL it prints.");
            }
        }

        if (callback.Error is not null)
            throw new XeroConsentException($"Xero did not grant access ({callback.Error}{(callback.ErrorDescription is null ? "" : ": " + callback.ErrorDescription)}). Run `d365-xero connect` again and choose Allow access.");
        // The state proves the redirect answers the sign-in this process started, not one a page forged.
        if (callback.State is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(callback.State), System.Text.Encoding.UTF8.GetBytes(state)))
            throw new XeroConsentException("The redirect's state does not match the one this command sent, so it is not the answer to this sign-in. Run `d365-xero connect` again.");
        if (callback.Code is null)
            throw new XeroConsentException("Xero's redirect carried no authorization code. Run `d365-xero connect` again.");

        var token = await ExchangeAsync(callback.Code, redirectUri, ct);
        var organisations = await ListOrganisationsAsync(token, ct);
        var chosen = Choose(organisations, request);

        await grants.SaveAsync(request.ConnectionName, new XeroGrant
        {
            RefreshToken = token.RefreshToken!,
            AccessToken = token.AccessToken,
            AccessTokenExpiresAt = time.GetUtcNow() + token.ExpiresIn,
            TenantId = chosen.TenantId.ToString(),
        }, ct);
        return new ConsentResult(request.ConnectionName, chosen.TenantId, chosen.TenantName, options.Scopes);
    }

    /// <summary><c>{AuthorizeUrl}?response_type=code&amp;client_id=…&amp;redirect_uri=…&amp;scope=…&amp;state=…</c> (docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2).</summary>
    public Uri AuthorizeUri(Uri redirectUri, string state) => new(QueryHelpers.AddQueryString(options.AuthorizeUrl.AbsoluteUri, new Dictionary<string, string?>
    {
        ["response_type"] = "code",
        ["client_id"] = options.ClientId,
        ["redirect_uri"] = redirectUri.AbsoluteUri,
        ["scope"] = options.Scopes,
        ["state"] = state,
    }));

    private async Task<XeroTokenResponse> ExchangeAsync(string code, Uri redirectUri, CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
        };
        XeroTokenResponse token;
        try
        {
            token = await new XeroTokenEndpoint(http, options, time).RequestAsync(form, AuthHint, ct);
        }
        catch (RemoteApiException e)
        {
            throw new XeroConsentException(e.Message, e);
        }
        if (token.RefreshToken is null)
            throw new XeroConsentException($"Xero issued no refresh token (scopes '{options.Scopes}'): the app must be a standard web app and offline_access must be granted.");
        return token;
    }

    private async Task<IReadOnlyList<XeroConnection>> ListOrganisationsAsync(XeroTokenResponse token, CancellationToken ct)
    {
        var access = new XeroAccessToken(token.AccessToken, time.GetUtcNow() + token.ExpiresIn);
        var client = new XeroClient(http, options, new XeroFixedTokenSource(access), new RateGate(options, time), time);
        try
        {
            var all = await client.GetConnectionsAsync(ct);
            return [.. all.Where(c => c.TenantType is null || c.TenantType.Equals("ORGANISATION", StringComparison.OrdinalIgnoreCase))];
        }
        catch (RemoteApiException e)
        {
            throw new XeroConsentException($"Could not list the organisations the grant reaches: {e.Message}", e);
        }
    }

    private XeroConnection Choose(IReadOnlyList<XeroConnection> organisations, ConsentRequest request)
    {
        if (organisations.Count == 0)
            throw new XeroConsentException("The consent reached no Xero organisation. Run `d365-xero connect` again and pick an organisation on Xero's page.");
        var configured = options.TenantId is { Length: > 0 } id ? id : null;
        var wanted = request.Tenant ?? configured;
        if (request.Tenant is not null && configured is not null && !Matches(organisations, request.Tenant).Any(o => Matches([o], configured).Any()))
            throw new XeroConsentException($"Xero__TenantId is set to {configured}, and it wins over the grant's organisation at run time; pass --tenant {configured}, or change Xero__TenantId.");
        if (wanted is not null)
        {
            return Matches(organisations, wanted).FirstOrDefault()
                ?? throw new XeroConsentException($"The consent does not reach the organisation '{wanted}'. It reaches: {Describe(organisations)}.");
        }
        if (organisations.Count == 1) return organisations[0];
        return request.ChooseTenant?.Invoke(organisations)
            ?? throw new XeroConsentException($"The consent reaches several organisations: {Describe(organisations)}. Pass --tenant with the id or name of one.");
    }

    private static IEnumerable<XeroConnection> Matches(IEnumerable<XeroConnection> organisations, string tenant) =>
        organisations.Where(o => string.Equals(o.TenantId.ToString(), tenant.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(o.TenantName, tenant.Trim(), StringComparison.Ordinal));

    private static string Describe(IEnumerable<XeroConnection> organisations) =>
        string.Join("; ", organisations.Select(o => $"{o.TenantName} ({o.TenantId})"));
}
