namespace D365Xero.Source.Dataverse;

/// <summary>One choice of a choice (picklist) column.</summary>
public sealed record PicklistOption(int Value, string Label);

/// <summary>The <c>FormatName</c> of a string column.</summary>
public enum StringColumnFormat
{
    Text,
    Url,
}
