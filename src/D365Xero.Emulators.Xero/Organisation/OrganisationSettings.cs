namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// One organisation's settings as they are now: chart of accounts, tax rates, tracking categories,
/// branding themes and lock dates. Starts from <see cref="ReferenceData"/>; tests change it through
/// <c>POST /_emulator/settings</c>. Not thread-safe: callers hold the organisation's lock.
/// </summary>
internal sealed class OrganisationSettings
{
    public List<Account> Accounts { get; } = [];
    public List<TaxRate> TaxRates { get; } = [];
    public List<TrackingCategory> TrackingCategories { get; } = [];
    public List<BrandingTheme> BrandingThemes { get; } = [];

    /// <summary>Organisation.PeriodLockDate ([SPEC] schema Organisation): no document dated on or before it (docs/xero-rules.md#x-lock-dates).</summary>
    public DateTime? PeriodLockDate { get; set; }

    /// <summary>Organisation.EndOfYearLockDate ([SPEC] schema Organisation).</summary>
    public DateTime? EndOfYearLockDate { get; set; }

    public void Reset(DateTimeOffset now)
    {
        Accounts.Clear();
        Accounts.AddRange(ReferenceData.Accounts.Select(a => a with { Updated = now, UpdatedDateUTC = Common.XeroDate.Format(now) }));
        TaxRates.Clear();
        TaxRates.AddRange(ReferenceData.TaxRates);
        TrackingCategories.Clear();
        TrackingCategories.AddRange(ReferenceData.TrackingCategories);
        BrandingThemes.Clear();
        BrandingThemes.AddRange(ReferenceData.BrandingThemes);
        PeriodLockDate = EndOfYearLockDate = null;
    }

    public Account? AccountByCode(string code) => Accounts.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    public TaxRate? TaxRateByType(string taxType) =>
        TaxRates.FirstOrDefault(t => string.Equals(t.TaxType, taxType, StringComparison.OrdinalIgnoreCase));

    public TrackingCategory? Category(Guid? id, string? name) => TrackingCategories.FirstOrDefault(c =>
        id is { } known ? c.TrackingCategoryID == known : string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sets an option's status; false when the category or option does not exist.</summary>
    public bool SetOptionStatus(string category, string option, string status)
    {
        var at = TrackingCategories.FindIndex(c => string.Equals(c.Name, category, StringComparison.OrdinalIgnoreCase));
        if (at < 0 || TrackingCategories[at].Option(option) is not { } found) return false;
        var options = TrackingCategories[at].Options.Select(o => o == found ? o with { Status = status } : o).ToList();
        TrackingCategories[at] = TrackingCategories[at] with { Options = options };
        return true;
    }

    public void ReplaceAccount(Account account)
    {
        var at = Accounts.FindIndex(a => string.Equals(a.Code, account.Code, StringComparison.OrdinalIgnoreCase));
        if (at < 0) Accounts.Add(account);
        else Accounts[at] = account;
    }
}
