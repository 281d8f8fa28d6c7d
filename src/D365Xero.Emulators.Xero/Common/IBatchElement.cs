namespace D365Xero.Emulators.Xero.Common;

/// <summary>An element of a PUT/POST batch, which carries its own outcome back. Rule: [SPEC] StatusAttributeString/ValidationErrors; docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247.</summary>
internal interface IBatchElement
{
    string? StatusAttributeString { get; set; }

    List<ValidationError>? ValidationErrors { get; set; }

    /// <summary>Sets the resource's own error flag: HasValidationErrors on Contact, HasErrors on Invoice, none on Item.</summary>
    void FlagErrors(bool hasErrors);
}
