namespace D365Xero.Emulators.Dataverse;

/// <summary>One path segment: a name and the text inside its parentheses, if any.</summary>
internal sealed record PathSegment(string Name, string? Key)
{
    public Guid? Id => Key is not null && Guid.TryParse(Key, out var id) ? id : null;
}
