namespace D365Xero.Target.Xero.Model;

/// <summary>What every element of a batch write answer carries (docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247: summarizeErrors=false).</summary>
internal interface IXeroElement
{
    /// <summary>OK, WARNING or ERROR.</summary>
    string? StatusAttributeString { get; }
    IReadOnlyList<XeroValidationError>? ValidationErrors { get; }
}
