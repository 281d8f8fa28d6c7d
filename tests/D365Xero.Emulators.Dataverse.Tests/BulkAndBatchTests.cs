using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class BulkAndBatchTests
{
    [Fact]
    public async Task Update_multiple_writes_all_targets()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = await emulator.CreateAsync("accounts", new { name = "A" });
        var b = await emulator.CreateAsync("accounts", new { name = "B" });
        var body = new JsonObject
        {
            ["Targets"] = new JsonArray(
                new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["accountid"] = a.ToString(), ["telephone1"] = "1" },
                new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["accountid"] = b.ToString(), ["telephone1"] = "2" }),
        };
        using var response = await emulator.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", body.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("2", (await emulator.GetJsonAsync($"accounts({b})?$select=telephone1"))["telephone1"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_multiple_is_all_or_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = await emulator.CreateAsync("accounts", new { name = "A" });
        var body = new JsonObject
        {
            ["Targets"] = new JsonArray(
                new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["accountid"] = a.ToString(), ["telephone1"] = "1" },
                new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.account", ["accountid"] = a.ToString(), ["bogus"] = "2" }),
        };
        using var response = await emulator.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", body.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'bogus' does not exist", (await TestEmulator.ErrorAsync(response))["message"]!.GetValue<string>());
        Assert.Null((await emulator.GetJsonAsync($"accounts({a})?$select=telephone1"))["telephone1"]);
    }

    [Fact]
    public async Task Batch_changeset_is_atomic_and_parts_answer_in_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var a = await emulator.CreateAsync("accounts", new { name = "A" });
        var api = emulator.Api;
        var body = new StringBuilder()
            .Append("--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n")
            .Append("--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n")
            .Append($"PATCH {api}accounts({a}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{{\"telephone1\":\"999\"}}\r\n")
            .Append("--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n")
            .Append($"PATCH {api}accounts({a}) HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{{\"subjct\":\"x\"}}\r\n")
            .Append("--changeset_1--\r\n")
            .Append("--batch_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
            .Append($"GET {api}acounts HTTP/1.1\r\nAccept: application/json\r\n\r\n")
            .Append("--batch_1--\r\n").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, api + "$batch") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_1");
        request.Headers.Add("Prefer", "odata.continue-on-error");
        using var response = await emulator.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var badPart = text.IndexOf("HTTP/1.1 400 Bad Request", StringComparison.Ordinal);
        var missingPart = text.IndexOf("HTTP/1.1 404 Not Found", StringComparison.Ordinal);
        Assert.True(badPart > 0 && missingPart > badPart, text);
        Assert.Contains("Content-ID: 2", text);
        Assert.Contains("The property 'subjct' does not exist on type 'Microsoft.Dynamics.CRM.account'.", text);
        Assert.Contains("Resource not found for the segment 'acounts'.", text);
        Assert.Null((await emulator.GetJsonAsync($"accounts({a})?$select=telephone1"))["telephone1"]);
    }

    [Fact]
    public async Task Batch_changeset_commits_and_references_earlier_part()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = emulator.Api;
        var body = new StringBuilder()
            .Append("--batch_2\r\nContent-Type: multipart/mixed; boundary=changeset_2\r\n\r\n")
            .Append("--changeset_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n")
            .Append($"POST {api}accounts HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{{\"name\":\"Batch Co\"}}\r\n")
            .Append("--changeset_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n")
            .Append("PATCH $1 HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n{\"telephone1\":\"42\"}\r\n")
            .Append("--changeset_2--\r\n--batch_2--\r\n").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, api + "$batch") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_2");
        using var response = await emulator.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(2, text.Split("HTTP/1.1 204 No Content").Length - 1);
        var rows = await emulator.GetJsonAsync("accounts?$select=telephone1&$filter=name eq 'Batch Co'");
        Assert.Equal("42", rows["value"]![0]!["telephone1"]!.GetValue<string>());
    }
}
