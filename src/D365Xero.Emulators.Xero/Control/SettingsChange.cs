namespace D365Xero.Emulators.Xero.Control;

/// <summary>
/// Test-only: what <c>POST /_emulator/settings</c> changes in the organisation's settings, as a person
/// would in Xero's web app. Each part is optional.
/// </summary>
internal sealed record SettingsChange
{
    /// <summary>Accounts added or changed, by Code (Name, Type, Class, TaxType, Status).</summary>
    public List<AccountChange>? Accounts { get; init; }

    /// <summary>Tax rates' statuses, by TaxType.</summary>
    public Dictionary<string, string>? TaxRateStatuses { get; init; }

    /// <summary>Tracking options' statuses: category, option, status (an option not there yet is added).</summary>
    public List<OptionChange>? TrackingOptions { get; init; }

    /// <summary>yyyy-MM-dd, or "" to clear.</summary>
    public string? PeriodLockDate { get; init; }

    public string? EndOfYearLockDate { get; init; }

    internal sealed record AccountChange(string Code, string? Name, string? Type, string? Class, string? TaxType, string? Status);

    internal sealed record OptionChange(string Category, string Option, string Status);
}
