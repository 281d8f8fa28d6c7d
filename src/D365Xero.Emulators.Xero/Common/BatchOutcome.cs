namespace D365Xero.Emulators.Xero.Common;

/// <summary>What happened to one element: the saved record, or the submitted one with its errors.</summary>
internal sealed record BatchOutcome<T>(T Element, IReadOnlyList<string> Errors) where T : IBatchElement
{
    public bool Failed => Errors.Count > 0;

    public static BatchOutcome<T> Saved(T saved) => new(saved, []);
}
