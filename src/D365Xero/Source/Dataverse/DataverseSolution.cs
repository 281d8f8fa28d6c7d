namespace D365Xero.Source.Dataverse;

/// <summary>The solution the connector's columns are created in, and its publisher.</summary>
/// <param name="OptionValuePrefix">The publisher's <c>customizationoptionvalueprefix</c>: choice values of
/// new columns start at <c>OptionValuePrefix * 10000</c>.</param>
public sealed record DataverseSolution(
    string UniqueName, Guid SolutionId, Guid PublisherId, string Prefix, int OptionValuePrefix,
    bool PublisherCreated, bool SolutionCreated);
