using System.Text.Json.Nodes;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// The compare scenario's baseline: the least a batched .NET process can do for the same job, run as a whole
/// process like the connector (this program with <c>--batched</c>, the same runtime settings). It reads every
/// account with its contacts (5,000 a page), sends 50 contacts a Xero call, and writes the Xero ids back in
/// Dataverse <c>$batch</c>es of 1,000. No store, no journal, no settings checks, no matching against what Xero
/// already holds, no logging: what is left is the runtime's start-up and the bare HTTP and JSON work.
/// </summary>
public static class BatchedProcess
{
    public const string Argument = "--batched";

    /// <summary>The parent side: this program as a child under <see cref="ChildRusage"/>.</summary>
    public static Task<ChildRusage.Result> RunAsync(EmulatorProcess emulators, CancellationToken ct)
    {
        var (exe, args) = BenchSelf.Command([Argument, emulators.DataverseUrl.ToString(), emulators.XeroUrl.ToString(),
            ((long)EmulatorProcess.MinuteWindow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return ChildRusage.RunAsync(exe, args, new Dictionary<string, string>(), ct);
    }

    /// <summary>The child side.</summary>
    public static async Task<int> MainAsync(Uri dataverse, Uri xero, TimeSpan minute)
    {
        var ct = CancellationToken.None;
        EmulatorProcess.MinuteWindow = minute; // The client's pacing.
        using var client = new PerRecordClient(dataverse, xero);
        var accounts = new List<(Guid Id, JsonObject Row)>();
        string? next = "accounts?$select=accountid,name,accountnumber,emailaddress1,telephone1,websiteurl,address1_line1,address1_city,address1_postalcode,address1_country"
            + "&$expand=contact_customer_accounts($select=firstname,lastname,emailaddress1)";
        while (next is not null)
        {
            var page = await client.DataverseGetAsync(next, ct);
            foreach (var row in page["value"]!.AsArray()) accounts.Add((Guid.Parse(row!["accountid"]!.GetValue<string>()), row.AsObject()));
            next = page["@odata.nextLink"]?.GetValue<string>();
        }
        var created = 0;
        var failed = 0;
        var writeBack = new List<(string, JsonObject)>();
        foreach (var chunk in accounts.Chunk(50))
        {
            var sent = await client.XeroPostManyAsync("Contacts", [.. chunk.Select(a => (JsonNode)BaselineBackfill.Run.ContactOf(a.Id, a.Row))], ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (sent[i]?["ContactID"]?.GetValue<string>() is { } contactId && sent[i]?["HasValidationErrors"]?.GetValue<bool>() != true)
                {
                    created++;
                    writeBack.Add(($"accounts({chunk[i].Id})", new JsonObject { ["xero_contactid"] = contactId }));
                }
                else
                {
                    failed++;
                }
            }
        }
        foreach (var batch in writeBack.Chunk(1000)) await client.DataverseBatchPatchAsync(batch, ct);
        Console.WriteLine($"Accounts → Xero contacts: {created} created, {failed} failed");
        return 0;
    }
}
