using D365Xero.Target.Xero;

namespace D365Xero.Sync.Validation;

/// <summary>
/// The organisation's settings, cached per connection: read in full when first needed (six calls), then at
/// most hourly (accounts with If-Modified-Since, the rest whole), or before the next plan once Xero has
/// refused a value the cache allowed (docs/xero-rules.md#x-reference-data-refresh). Every read goes through
/// the gateway, so it is rate-gated and counted by operation. The contact groups are read too (a seventh call, whole each
/// time, as Xero offers no If-Modified-Since for them) only when a mapping names one (<c>Mapping:Contact:ContactGroup</c>).
/// </summary>
/// <param name="changed">Called after a read that changed <see cref="XeroSettings.Version"/> (the first read too): rows refused for a setting get another look.</param>
/// <param name="contactGroups">Whether the contact groups are read with the rest (a mapping names one).</param>
public sealed class XeroReferenceData(IXeroGateway xero, TimeProvider time, Func<CancellationToken, Task>? changed = null, bool contactGroups = false)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _load = new(1, 1);
    private XeroSettings? _current;
    private DateTimeOffset _readAt;
    private volatile bool _stale;

    /// <summary>The settings as last read, or null before the first read.</summary>
    public XeroSettings? Loaded => _current;

    public async Task<XeroSettings> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } current) return current;
        await _load.WaitAsync(ct);
        XeroSettings read;
        string? before;
        try
        {
            if (Fresh() is { } raced) return raced;
            before = _current?.Version;
            var startedAt = time.GetUtcNow();
            read = await ReadAsync(_current, ct);
            _current = read;
            _readAt = startedAt;
            _stale = false;
        }
        finally
        {
            _load.Release();
        }
        if (read.Version != before && changed is not null) await changed(ct);
        return read;
    }

    /// <summary>Xero refused a value the cache allowed: the cache is out of date; read again before the next plan.</summary>
    public void Invalidate() => _stale = true;

    private XeroSettings? Fresh() => _current is { } c && !_stale && time.GetUtcNow() - _readAt < MaxAge ? c : null;

    private async Task<XeroSettings> ReadAsync(XeroSettings? previous, CancellationToken ct)
    {
        // Only /Accounts takes If-Modified-Since: changed accounts are merged into those already known.
        // The six reads (seven with contact groups) go side by side (the rate gate keeps them within Xero's calls in flight).
        var accountsRead = xero.GetAccountsAsync(previous is null ? null : _readAt, ct);
        var organisation = xero.GetOrganisationAsync(ct);
        var taxRates = xero.GetTaxRatesAsync(ct);
        var currencies = xero.GetCurrenciesAsync(ct);
        var tracking = xero.GetTrackingCategoriesAsync(ct);
        var themes = xero.GetBrandingThemesAsync(ct);
        var groups = contactGroups ? xero.GetContactGroupsAsync(ct) : Task.FromResult<IReadOnlyList<Target.Xero.Model.XeroContactGroup>>([]);
        await Task.WhenAll(accountsRead, organisation, taxRates, currencies, tracking, themes, groups);
        var accounts = await accountsRead;
        var merged = previous is null ? accounts : previous.Accounts.Values.Where(a => !accounts.Any(c => Same(c.Code, a.Code))).Concat(accounts);
        return new XeroSettings
        {
            Organisation = await organisation,
            Accounts = XeroSettings.ByCode(merged),
            TaxRates = await taxRates,
            Currencies = await currencies,
            TrackingCategories = await tracking,
            BrandingThemes = await themes,
            ContactGroups = await groups,
        };
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
