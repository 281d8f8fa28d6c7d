namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Organisation</c>, the fields <c>check</c> shows and pre-send validation reads (lock dates, docs/xero-rules.md#x-lock-dates).</summary>
public sealed record XeroOrganisation
{
    public Guid? OrganisationID { get; init; }
    public string? Name { get; init; }
    public string? LegalName { get; init; }
    public string? ShortCode { get; init; }
    public string? BaseCurrency { get; init; }
    public string? CountryCode { get; init; }
    public string? OrganisationType { get; init; }
    /// <summary>ACTIVE when the organisation can be reached through the API.</summary>
    public string? OrganisationStatus { get; init; }
    public bool? IsDemoCompany { get; init; }
    public string? Version { get; init; }
    public DateTimeOffset? PeriodLockDate { get; init; }
    public DateTimeOffset? EndOfYearLockDate { get; init; }
}
