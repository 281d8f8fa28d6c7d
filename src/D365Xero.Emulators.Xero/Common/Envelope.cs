namespace D365Xero.Emulators.Xero.Common;

/// <summary>The wrapper around every Accounting response: Id, Status, ProviderName, DateTimeUTC, then the collection.</summary>
internal static class Envelope
{
    public static Dictionary<string, object?> Of(string key, object items, DateTimeOffset now, Pagination? pagination = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["Id"] = Guid.NewGuid(),
            ["Status"] = "OK",
            ["ProviderName"] = "D365Xero emulator",
            ["DateTimeUTC"] = XeroDate.Format(now),
        };
        if (pagination is not null) body["pagination"] = pagination;
        body[key] = items;
        return body;
    }
}
