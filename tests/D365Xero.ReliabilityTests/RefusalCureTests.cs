using System.Text.Json.Nodes;
using D365Xero.IntegrationTests;
using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// A contact refused for one reason a resend cures, then for the other: its name taken (it gets a suffix), then its own
/// contact number taken (an earlier create of ours that Xero applied and whose answer was lost). Both cures apply, once each,
/// and the row ends Synced on the contact that holds its number: no Error, no duplicate. Seen in <see cref="FaultToleranceTests"/>
/// once, made certain here by the proxy between the connector and the Xero emulator.
/// </summary>
public sealed class RefusalCureTests
{
    [Fact]
    public async Task A_contact_refused_for_its_name_and_then_for_its_own_number_ends_synced_on_its_own_contact()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        await rig.Xero.ControlAsync("limits", new JsonObject { ["minuteLimit"] = 1000 });
        var account = await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Kestrel Joinery", ["accountnumber"] = "KJ-1" });
        var number = $"D365-{account:N}";

        // Before the first create reaches Xero, another contact takes the name (after the connector read its index, so it is
        // neither matched nor suffixed up front); after it, a contact with our number appears, as our own lost create would.
        var posts = 0;
        string? ours = null;
        rig.XeroProxy.Intercept = r =>
        {
            if (IsCreateOf(r, number) && Interlocked.Increment(ref posts) == 1)
                rig.Xero.PostAsync("api.xro/2.0/Contacts", Contact("Kestrel Joinery", null)).GetAwaiter().GetResult();
            return null;
        };
        rig.XeroProxy.AfterUpstream = async (r, _, _) =>
        {
            if (!IsCreateOf(r, number) || Volatile.Read(ref posts) != 1 || ours is not null) return;
            var created = await rig.Xero.PostAsync("api.xro/2.0/Contacts", Contact("Kestrel Joinery (landed earlier)", number));
            ours = created["Contacts"]![0]!["ContactID"]!.GetValue<string>();
        };

        var run = await rig.RunAsync(TimeSpan.FromMinutes(2), "sync", "--once");

        Assert.True(posts >= 2, $"the name refusal was not resent ({posts} POSTs):\n{run.Output}");
        Assert.NotNull(ours);
        var row = await rig.Dynamics.GetAsync("accounts", account);
        Assert.True(row.Text("xero_syncstatus") == "Synced", $"{row.Text("xero_syncstatus")}: {row.Text("xero_syncerror")}\n{run.Output}");
        Assert.Equal(ours, row.Text("xero_contactid"));
        var inXero = (await rig.Xero.ContactsAsync()).Where(c => c["ContactNumber"]?.GetValue<string>() == number).ToList();
        var contact = Assert.Single(inXero);
        Assert.Equal("Kestrel Joinery (KJ-1)", contact["Name"]!.GetValue<string>());
        Assert.Equal(0, run.ExitCode);
    }

    private static bool IsCreateOf(ProxiedRequest r, string number) =>
        r is { Method: "POST" or "PUT" } && r.PathAndQuery.StartsWith("/api.xro/2.0/Contacts", StringComparison.Ordinal) && r.Body.Contains(number, StringComparison.Ordinal);

    private static JsonObject Contact(string name, string? number)
    {
        var contact = new JsonObject { ["Name"] = name };
        if (number is not null) contact["ContactNumber"] = number;
        return new JsonObject { ["Contacts"] = new JsonArray(contact) };
    }
}
