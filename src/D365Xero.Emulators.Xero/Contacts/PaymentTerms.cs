namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>[SPEC] schema PaymentTerm: a contact's own terms for bills and sales.</summary>
internal sealed class PaymentTerms
{
    public PaymentTerm? Bills { get; set; }
    public PaymentTerm? Sales { get; set; }
}

/// <summary>[SPEC] schema Bill: Day (0–31) and Type (PaymentTermType).</summary>
internal sealed class PaymentTerm
{
    public int? Day { get; set; }
    public string? Type { get; set; }
}
