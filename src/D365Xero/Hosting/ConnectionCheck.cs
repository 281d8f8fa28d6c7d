using D365Xero.Errors;
using D365Xero.Sync;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.Hosting;

/// <summary>
/// What <c>check</c> proves for one connection, one <see cref="CheckResult"/> per line: both sign-ins,
/// the Xero scopes and tenant, change tracking on each table, the write-back columns, the configured
/// account code, tax type and the currencies Dynamics uses, and the values of the mapping options.
/// Every line runs on its own: a failed call becomes that line's failure (with the call's message)
/// and the next line is still tried, so one run lists everything there is to fix.
/// </summary>
public sealed class ConnectionCheck(SyncConnection connection)
{
    /// <summary>Xero account types of the REVENUE class (Xero's AccountType enum): where sales may be posted.</summary>
    private static readonly string[] RevenueTypes = ["REVENUE", "SALES", "OTHERINCOME"];

    /// <summary>
    /// The change-tracking rule: delta links must outlive the poll interval by a wide margin, or a short
    /// stop (a restart, an outage, a missed poll) costs a full re-read of every table. The line passes when
    /// <c>expirechangetrackingindays</c> is at least 1 and the lifetime is at least this many poll intervals.
    /// It is a warning: syncing still works when it fails, but resyncs will be frequent.
    /// </summary>
    public const int MinimumPollsPerTokenLifetime = 10;

    private readonly SyncConnection _c = connection;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken ct)
    {
        // Each service's lines need its sign-in: when that fails, they are marked not run instead of
        // repeating the sign-in's error once per line.
        var results = new List<CheckResult>();
        await RunAfterAsync(results, ("Dataverse sign-in", DataverseSignInAsync),
        [
            ("Dataverse WhoAmI", WhoAmIAsync),
            .. _c.Tables.All.Select(t => ($"Change tracking: {t.Name}", (Func<string, CancellationToken, Task<CheckResult>>)((n, c) => ChangeTrackingAsync(n, t.Name, c)))),
            ("Change-tracking token lifetime", TokenLifetimeAsync),
            .. _c.Tables.WithWriteBack.Select(t => ($"Write-back columns: {t.Name}", (Func<string, CancellationToken, Task<CheckResult>>)((n, c) => ColumnsAsync(n, t.Name, c)))),
        ], ct);
        await RunAfterAsync(results, ("Xero sign-in", XeroSignInAsync),
        [
            ("Xero scopes", ScopesAsync), ("Xero tenant", TenantAsync), ("Xero organisation", OrganisationAsync),
            ("Sync:SalesAccountCode", SalesAccountAsync), ("Sync:TaxType", TaxTypeAsync),
        ], ct);
        // Dynamics' currencies against Xero's: both sign-ins must have passed.
        var unsigned = results.FirstOrDefault(r => r.Name is "Dataverse sign-in" or "Xero sign-in" && !r.Passed);
        results.Add(unsigned is null ? await Run("Currencies", CurrenciesAsync, ct) : CheckResult.Fail("Currencies", $"not run: the {unsigned.Name} above failed"));
        results.Add(await Run("Xero webhooks", XeroWebhooksAsync, ct));
        // Each mapped column against Dynamics, each mapped value against Xero's settings (docs/mappings.md).
        if (unsigned is null) results.AddRange(await MappingCheck.RunAsync(_c, ct));
        // Choice values are checked when the settings are read (a wrong one stops every verb); these lines say what is in force.
        results.Add(CheckResult.Pass("Sync:LineAmountTypes", _c.Options.LineAmountTypes.ToString()));
        results.Add(CheckResult.Pass("Sync:AuthoriseWhen", _c.Options.AuthoriseWhen.ToString()));
        results.Add(CheckResult.Pass("Sync:RetiredProducts", _c.Options.RetiredProducts.ToString()));
        return results;
    }

    /// <summary>The sign-in line, then its dependent lines, or each of them marked not run when the sign-in failed.</summary>
    private static async Task RunAfterAsync(List<CheckResult> results, (string Name, Func<string, CancellationToken, Task<CheckResult>> Check) signIn,
        IReadOnlyList<(string Name, Func<string, CancellationToken, Task<CheckResult>> Check)> dependents, CancellationToken ct)
    {
        var first = await Run(signIn.Name, signIn.Check, ct);
        results.Add(first);
        foreach (var (name, check) in dependents)
        {
            results.Add(first.Passed ? await Run(name, check, ct) : CheckResult.Fail(name, $"not run: the {signIn.Name} above failed"));
        }
    }

    /// <summary>Runs one line; a failed call to either service is that line's failure, not the run's.</summary>
    private static async Task<CheckResult> Run(string name, Func<string, CancellationToken, Task<CheckResult>> check, CancellationToken ct)
    {
        try
        {
            return await check(name, ct);
        }
        catch (RemoteApiException e)
        {
            return CheckResult.Fail(name, e.Message);
        }
    }

    // ---- Dataverse ------------------------------------------------------------------------------

    private async Task<CheckResult> DataverseSignInAsync(string name, CancellationToken ct)
    {
        await _c.Dataverse.Tokens.GetTokenAsync(ct);
        return CheckResult.Pass(name, $"Entra ID issued a token for {_c.Dataverse.Options.Url} to the {_c.Dataverse.Tokens.Credential}");
    }

    private async Task<CheckResult> WhoAmIAsync(string name, CancellationToken ct)
    {
        var me = await _c.Dataverse.WhoAmIAsync(ct);
        return CheckResult.Pass(name, $"application user {me.UserId} in organisation {me.OrganizationId}");
    }

    private async Task<CheckResult> ChangeTrackingAsync(string name, string table, CancellationToken ct) =>
        await _c.Dataverse.GetChangeTrackingEnabledAsync(table, ct)
            ? CheckResult.Pass(name, "enabled")
            : CheckResult.Fail(name, $"change tracking is off on {table}: the connector cannot read its changes or back-fill it",
                $"in Power Apps (make.powerapps.com) open Tables > {table} > Properties > Advanced options, tick \"Track changes\" and Save "
                + "(it cannot be turned off again)");

    private async Task<CheckResult> TokenLifetimeAsync(string name, CancellationToken ct)
    {
        var days = await _c.Dataverse.GetExpireChangeTrackingInDaysAsync(ct);
        var poll = _c.Options.PollInterval;
        if (days is null)
            return CheckResult.Fail(name, "organization.expirechangetrackingindays could not be read, so how long delta links live is unknown",
                "give the application user read access to the organization table");
        var lifetime = TimeSpan.FromDays(days.Value);
        var detail = $"delta links live {days} day(s) (organization.expirechangetrackingindays), polled every {poll}";
        if (days >= 1 && lifetime >= poll * MinimumPollsPerTokenLifetime)
            return CheckResult.Pass(name, $"{detail}; a stop shorter than {days} day(s) resumes without a full resync");
        return CheckResult.Fail(name,
            $"{detail}: warning, delta links must live at least 1 day and {MinimumPollsPerTokenLifetime} poll intervals, "
            + "or short stops end in a full resync of every table",
            "raise expirechangetrackingindays on the organization (Power Platform admin center) or shorten Sync:PollInterval");
    }

    private async Task<CheckResult> ColumnsAsync(string name, string table, CancellationToken ct)
    {
        var missing = await new ColumnProvisioner(_c.Dataverse, _c.Columns).MissingAsync([table], ct);
        var expected = _c.Columns.For(table).Select(c => c.LogicalName).ToList();
        return missing.TryGetValue(table, out var lacking)
            ? CheckResult.Fail(name, $"missing {string.Join(", ", lacking)}: the connector has nowhere to write the Xero id and sync status",
                "run `d365-xero provision` to create and publish them")
            : CheckResult.Pass(name, $"{string.Join(", ", expected)} present");
    }

    // ---- Xero ---------------------------------------------------------------------------------

    private async Task<CheckResult> XeroSignInAsync(string name, CancellationToken ct)
    {
        var token = await _c.Xero.Tokens.GetAccessTokenAsync(ct);
        return CheckResult.Pass(name, $"Xero identity issued an access token, valid until {token.ExpiresAt:u}");
    }

    private async Task<CheckResult> ScopesAsync(string name, CancellationToken ct)
    {
        var token = await _c.Xero.Tokens.GetAccessTokenAsync(ct);
        var granted = XeroScopes.FromAccessToken(token.Value);
        if (granted is null)
            return CheckResult.Fail(name, "the access token is not a JWT with a scope claim, so the granted scopes cannot be read");
        var list = granted.Count == 0 ? "none" : string.Join(" ", granted.Order(StringComparer.Ordinal));
        var missing = XeroScopes.Missing(granted);
        if (missing.Count == 0) return CheckResult.Pass(name, $"granted {list}");
        return CheckResult.Fail(name,
            $"granted {list}; cannot {string.Join("; cannot ", missing.Select(m => $"{m.What} (needs {string.Join(" or ", m.AnyOf)})"))}",
            "grant accounting.contacts accounting.invoices accounting.settings.read (granular) or accounting.contacts accounting.transactions "
            + "accounting.settings (broad) to the Custom Connection or app, then authorise it again");
    }

    private async Task<CheckResult> TenantAsync(string name, CancellationToken ct)
    {
        var connections = await _c.Xero.GetConnectionsAsync(ct);
        var organisations = connections.Where(c => c.TenantType is null || c.TenantType == "ORGANISATION").ToList();
        string Listed() => organisations.Count == 0 ? "none" : string.Join(", ", organisations.Select(Describe));
        var configured = _c.Xero.Options.TenantId is { Length: > 0 } id ? id
            : (await _c.Xero.Tokens.GetAccessTokenAsync(ct)).TenantId;

        if (configured is null)
        {
            // A Custom Connection reaches exactly one organisation, so it needs no TenantId (docs/xero-rules.md#x-custom-connection; https://developer.xero.com/faq/custom-integration).
            return organisations.Count == 1
                ? CheckResult.Pass(name, $"no Xero:TenantId set; the connection reaches one organisation, {Describe(organisations[0])}")
                : CheckResult.Fail(name, $"no Xero:TenantId set and the token reaches {organisations.Count} organisations: {Listed()}",
                    "set Xero:TenantId (environment variable Xero__TenantId) to the tenantId of the organisation to sync to");
        }
        if (!Guid.TryParse(configured, out var tenantId))
            return CheckResult.Fail(name, $"Xero:TenantId '{configured}' is not a tenant id (a GUID)",
                $"set Xero:TenantId (Xero__TenantId) to one of: {Listed()}");
        var match = organisations.FirstOrDefault(c => c.TenantId == tenantId);
        return match is not null
            ? CheckResult.Pass(name, $"Xero:TenantId is connected: {Describe(match)}")
            : CheckResult.Fail(name, $"Xero:TenantId {tenantId} is not among the organisations this app is connected to ({Listed()})",
                "set Xero:TenantId (Xero__TenantId) to one of those, or connect the organisation to the app again");
    }

    private static string Describe(XeroConnection c) => $"'{c.TenantName}' ({c.TenantId})";

    private async Task<CheckResult> OrganisationAsync(string name, CancellationToken ct)
    {
        var org = await _c.Xero.GetOrganisationAsync(ct);
        var detail = $"GET /Organisation answered '{org.Name}' ({org.CountryCode}, base currency {org.BaseCurrency}, status {org.OrganisationStatus ?? "unknown"})";
        return org.OrganisationStatus is null or "ACTIVE"
            ? CheckResult.Pass(name, detail)
            : CheckResult.Fail(name, $"{detail}: the organisation is not active", "reactivate the organisation's subscription in Xero");
    }

    private async Task<CheckResult> SalesAccountAsync(string name, CancellationToken ct)
    {
        var code = _c.Options.SalesAccountCode;
        const string fix = "set Sync:SalesAccountCode to the code of an active revenue account (Xero: Accounting > Chart of accounts)";
        var accounts = await _c.Xero.GetAccountsAsync(ct);
        var account = accounts.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));
        if (account is null)
            return CheckResult.Fail(name, $"no account with code '{code}' in the chart of accounts: every item and invoice line would be refused", fix);
        var described = $"'{code}' is {account.Name} ({account.Type}, {account.Status})";
        if (!string.Equals(account.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            return CheckResult.Fail(name, $"{described}: an archived account cannot be posted to", fix);
        if (!(string.Equals(account.Class, "REVENUE", StringComparison.OrdinalIgnoreCase) || account.Type is { } type && RevenueTypes.Contains(type.ToUpperInvariant())))
            return CheckResult.Fail(name, $"{described}: not a revenue account, so sales would be posted to {account.Type}", fix);
        return CheckResult.Pass(name, described);
    }

    private async Task<CheckResult> TaxTypeAsync(string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_c.Options.TaxType))
            return CheckResult.Pass(name, "not set: no TaxType is sent, so Xero applies the sales account's default tax");
        var taxType = _c.Options.TaxType;
        var rates = await _c.Xero.GetTaxRatesAsync(ct);
        var rate = rates.FirstOrDefault(r => string.Equals(r.TaxType, taxType, StringComparison.OrdinalIgnoreCase));
        var known = string.Join(", ", rates.Where(r => r.Status == "ACTIVE").Select(r => r.TaxType));
        var fix = $"set Sync:TaxType to one of the organisation's active tax types ({known}), or leave it empty";
        if (rate is null)
            return CheckResult.Fail(name, $"no tax rate with TaxType '{taxType}' in this organisation (tax types differ by region)", fix);
        var described = $"'{rate.TaxType}' is {rate.Name} ({rate.EffectiveRate}%, {rate.Status})";
        if (!string.Equals(rate.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            return CheckResult.Fail(name, $"{described}: only an active tax rate can be used", fix);
        if (rate.CanApplyToRevenue == false)
            return CheckResult.Fail(name, $"{described}: it cannot be applied to revenue", fix);
        return CheckResult.Pass(name, described);
    }

    private async Task<CheckResult> CurrenciesAsync(string name, CancellationToken ct)
    {
        var used = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in _c.Dataverse.QueryAsync("transactioncurrencies?$select=isocurrencycode&$filter=statecode eq 0", ct))
            if (row["isocurrencycode"]?.GetValue<string>() is { Length: > 0 } code) used.Add(code.Trim().ToUpperInvariant());
        var enabled = (await _c.Xero.GetCurrenciesAsync(ct)).Select(c => c.Code).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = used.Where(c => !enabled.Contains(c)).ToList();
        if (missing.Count == 0)
            return CheckResult.Pass(name, $"every Dynamics currency ({string.Join(", ", used)}) is enabled in Xero");
        return CheckResult.Fail(name,
            $"Dynamics uses {string.Join(", ", missing)}, which Xero has not enabled: orders in {string.Join(" or ", missing)} would fail "
            + $"(Xero has {string.Join(", ", enabled.Order(StringComparer.Ordinal))})",
            $"in Xero add {string.Join(", ", missing)} under Accounting > Advanced > Currencies (needs a multi-currency plan), "
            + "or deactivate the currency in Dynamics");
    }

    // ---- Xero webhooks (the round trip) --------------------------------------------------------

    /// <summary>Xero's intent-to-receive sent to the delivery URL (<see cref="Web.XeroIntentToReceive"/>), or why it is not.</summary>
    private async Task<CheckResult> XeroWebhooksAsync(string name, CancellationToken ct)
    {
        var options = _c.Xero.Options;
        if (options.WebhookKey is not { } key)
            return CheckResult.Pass(name, $"off (no Xero:WebhookKey): invoices are read back from Xero by the poll every {_c.Options.PollInterval} (Sync:PollInterval)");
        if (options.WebhookUrl is not { } url)
            return CheckResult.Fail(name, "Xero:WebhookKey is set but Xero:WebhookUrl is not, so check cannot send Xero's intent-to-receive to prove serve takes the posts",
                "set Xero__WebhookUrl to the delivery URL entered in Xero's developer portal, e.g. https://sync.contoso.com/webhooks/xero");
        return await Web.XeroIntentToReceive.CheckAsync(name, new Uri(url), key, ConnectorHttpClients.Shared.CreateClient(ConnectorHttpClients.Xero), ct);
    }

    // ---- Options ------------------------------------------------------------------------------
}
