using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Bench;

/// <summary>Both emulators' own counters (<c>/_emulator/stats</c>): what the services saw, not what the client believes it sent.</summary>
public sealed class EmulatorStats(Uri dataverse, Uri xero) : IDisposable
{
    private readonly HttpClient _http = new();

    public sealed record Counts(int XeroCalls, int Xero429, int DataverseCalls, int Dataverse429, int WebhooksDelivered, JsonObject XeroByOperation, JsonObject DataverseByOperation);

    public async Task ResetAsync(CancellationToken ct)
    {
        (await _http.PostAsync(new Uri(xero, "_emulator/stats/reset"), null, ct)).EnsureSuccessStatusCode();
        (await _http.PostAsync(new Uri(dataverse, "_emulator/stats/reset"), null, ct)).EnsureSuccessStatusCode();
    }

    public async Task<Counts> ReadAsync(CancellationToken ct)
    {
        var x = (await _http.GetFromJsonAsync<JsonObject>(new Uri(xero, "_emulator/stats"), ct))!;
        var d = (await _http.GetFromJsonAsync<JsonObject>(new Uri(dataverse, "_emulator/stats"), ct))!;
        return new Counts(
            x["apiCalls"]!.GetValue<int>(), x["http429"]!.GetValue<int>(),
            d["apiCalls"]!.GetValue<int>(), d["http429"]!.GetValue<int>(), d["webhooksDelivered"]!.GetValue<int>(),
            x["byOperation"]!.AsObject(), d["byOperation"]!.AsObject());
    }

    public void Dispose() => _http.Dispose();
}
