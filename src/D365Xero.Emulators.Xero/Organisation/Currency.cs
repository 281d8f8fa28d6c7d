namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>An enabled currency. [SPEC] schema Currency.</summary>
internal sealed class Currency
{
    public string? Code { get; set; }

    public string? Description { get; set; }
}
