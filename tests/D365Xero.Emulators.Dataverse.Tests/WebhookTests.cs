using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class WebhookTests
{
    /// <summary>Registers endpoint + step (+ optional pre-image) through the Web API, as docs/dataverse-rules.md#d-webhook-endpoint; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook describes.</summary>
    private static async Task<Guid> RegisterAsync(TestEmulator emulator, string url, string message, string table, string? filtering = null, bool preImage = false)
    {
        var endpoint = await emulator.CreateAsync("serviceendpoints", new
        {
            name = "xero-connector", url, contract = 8, authtype = 5, messageformat = 2,
            authvalue = "<settings><setting name=\"x-key\" value=\"secret\"/></settings>",
        });
        var messageId = (await emulator.GetJsonAsync($"sdkmessages?$select=name&$filter=name eq '{message}'"))["value"]![0]!["sdkmessageid"]!.GetValue<string>();
        var filterId = (await emulator.GetJsonAsync($"sdkmessagefilters?$select=primaryobjecttypecode&$filter=primaryobjecttypecode eq '{table}' and sdkmessageid/name eq '{message}'"))["value"]![0]!["sdkmessagefilterid"]!.GetValue<string>();
        var step = new Dictionary<string, object>
        {
            ["name"] = $"{message} {table}", ["mode"] = 1, ["stage"] = 40, ["rank"] = 1, ["supporteddeployment"] = 0, ["asyncautodelete"] = false,
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpoint})",
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({messageId})",
            ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({filterId})",
        };
        if (filtering is not null) step["filteringattributes"] = filtering;
        var stepId = await emulator.CreateAsync("sdkmessageprocessingsteps", step);
        if (preImage)
        {
            await emulator.CreateAsync("sdkmessageprocessingstepimages", new Dictionary<string, object>
            {
                ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId})",
                ["imagetype"] = 0, ["name"] = "PreImage", ["entityalias"] = "PreImage", ["messagepropertyname"] = "Target", ["attributes"] = "name,accountnumber",
            });
        }
        return stepId;
    }

    private static IEnumerable<JsonObject> Pairs(JsonNode? array) => array!.AsArray().Select(p => p!.AsObject());

    private static JsonNode? Value(JsonNode? array, string key) => Pairs(array).Single(p => p["key"]!.GetValue<string>() == key)["value"];

    [Fact]
    public async Task Update_delivers_remote_execution_context_with_headers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        var contact = await emulator.CreateAsync("contacts", new { firstname = "Jim", lastname = "Glynn" });
        var stepId = await RegisterAsync(emulator, receiver.Url, "Update", "contact", "firstname,lastname");

        using (await emulator.SendAsync(HttpMethod.Patch, $"contacts({contact})", new { firstname = "James" })) { }
        var hook = await receiver.NextAsync();

        Assert.Equal("secret", hook.Headers["x-key"]);
        Assert.Equal("contact", hook.Headers["x-ms-dynamics-entity-name"]);
        Assert.Equal("Update", hook.Headers["x-ms-dynamics-request-name"]);
        Assert.True(hook.Headers.ContainsKey("x-ms-dynamics-organization"));
        Assert.True(Guid.TryParse(hook.Headers["x-ms-correlation-request-id"], out _));
        Assert.Contains("\"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts\"", hook.Body);
        Assert.Contains("\\/Date(", hook.Body);

        var json = JsonNode.Parse(hook.Body)!;
        Assert.Equal("Update", json["MessageName"]!.GetValue<string>());
        Assert.Equal(1, json["Mode"]!.GetValue<int>());
        Assert.Equal(40, json["Stage"]!.GetValue<int>());
        Assert.Equal(contact.ToString(), json["PrimaryEntityId"]!.GetValue<string>());
        Assert.Equal(stepId.ToString(), json["OwningExtension"]!["Id"]!.GetValue<string>());
        var target = Value(json["InputParameters"], "Target")!;
        Assert.Equal("James", Value(target["Attributes"], "firstname")!.GetValue<string>());
        Assert.Equal("James Glynn", Value(target["Attributes"], "fullname")!.GetValue<string>());
        Assert.Equal("contact", target["LogicalName"]!.GetValue<string>());
        Assert.Equal(30, json["ParentContext"]!["Stage"]!.GetValue<int>());
        var post = Value(json["PostEntityImages"], "AsynchronousStepPrimaryName")!;
        Assert.Equal("James Glynn", Value(post["Attributes"], "fullname")!.GetValue<string>());
        var keys = json.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["BusinessUnitId", "CorrelationId", "Depth", "InitiatingUserId", "InputParameters", "IsExecutingOffline", "IsInTransaction", "IsOfflinePlayback", "IsolationMode", "MessageName", "Mode", "OperationCreatedOn", "OperationId", "OrganizationId", "OrganizationName", "OutputParameters", "OwningExtension", "ParentContext", "PostEntityImages", "PreEntityImages", "PrimaryEntityId", "PrimaryEntityName", "RequestId", "SecondaryEntityName", "SharedVariables", "Stage", "UserId"], keys);
    }

    [Fact]
    public async Task Update_of_unfiltered_column_does_not_fire()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        var contact = await emulator.CreateAsync("contacts", new { firstname = "Jim", lastname = "Glynn" });
        await RegisterAsync(emulator, receiver.Url, "Update", "contact", "firstname,lastname");

        using (await emulator.SendAsync(HttpMethod.Patch, $"contacts({contact})", new { telephone1 = "555" })) { }
        using (await emulator.SendAsync(HttpMethod.Patch, $"contacts({contact})", new { lastname = "Glen" })) { }
        var hook = await receiver.NextAsync();
        var target = Value(JsonNode.Parse(hook.Body)!["InputParameters"], "Target")!;
        Assert.Equal("Glen", Value(target["Attributes"], "lastname")!.GetValue<string>());
        Assert.False(receiver.TryNext(out _));
    }

    [Fact]
    public async Task Create_carries_money_option_set_and_output_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await RegisterAsync(emulator, receiver.Url, "Create", "product");
        var id = await emulator.CreateAsync("products", new { name = "Bike", productnumber = "B-1", price = 12.5m, productstructure = 1 });
        var json = JsonNode.Parse((await receiver.NextAsync()).Body)!;
        Assert.Equal(id.ToString(), Value(json["OutputParameters"], "id")!.GetValue<string>());
        var attributes = Value(json["InputParameters"], "Target")!["Attributes"];
        Assert.Equal("Money:http://schemas.microsoft.com/xrm/2011/Contracts", Value(attributes, "price")!["__type"]!.GetValue<string>());
        Assert.Equal(12.5m, Value(attributes, "price")!["Value"]!.GetValue<decimal>());
        Assert.Equal("OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", Value(attributes, "statecode")!["__type"]!.GetValue<string>());
        Assert.Equal("EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", Value(attributes, "transactioncurrencyid")!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_sends_entity_reference_and_pre_image()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        var account = await emulator.CreateAsync("accounts", new { name = "Doomed", accountnumber = "D-1", telephone1 = "1" });
        await RegisterAsync(emulator, receiver.Url, "Delete", "account", preImage: true);
        using (await emulator.SendAsync(HttpMethod.Delete, $"accounts({account})")) { }
        var json = JsonNode.Parse((await receiver.NextAsync()).Body)!;
        var target = Value(json["InputParameters"], "Target")!;
        Assert.Equal("EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", target["__type"]!.GetValue<string>());
        Assert.Equal(account.ToString(), target["Id"]!.GetValue<string>());
        var image = Value(json["PreEntityImages"], "PreImage")!;
        Assert.Equal("D-1", Value(image["Attributes"], "accountnumber")!.GetValue<string>());
        Assert.DoesNotContain(Pairs(image["Attributes"]), p => p["key"]!.GetValue<string>() == "telephone1");
        Assert.Empty(json["PostEntityImages"]!.AsArray());
    }

    [Fact]
    public async Task Retries_once_after_503()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await RegisterAsync(emulator, receiver.Url, "Create", "account");
        receiver.Statuses.Enqueue(503);
        await emulator.CreateAsync("accounts", new { name = "Retry" });
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        Assert.Equal(first.Body, second.Body);

        receiver.Statuses.Enqueue(500);
        await emulator.CreateAsync("accounts", new { name = "No retry" });
        await receiver.NextAsync();
        await emulator.CreateAsync("accounts", new { name = "Next" });
        var next = JsonNode.Parse((await receiver.NextAsync()).Body)!;
        Assert.Equal("Next", Value(Value(next["InputParameters"], "Target")!["Attributes"], "name")!.GetValue<string>());
        var stats = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/stats"))!;
        Assert.Equal(1, stats["webhooksFailed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Disabled_deliveries_keep_registrations()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();
        await RegisterAsync(emulator, receiver.Url, "Create", "account");
        using (await emulator.Http.PostAsync("/_emulator/webhooks/disable", null)) { }
        await emulator.CreateAsync("accounts", new { name = "Silent" });
        using (await emulator.Http.PostAsync("/_emulator/webhooks/enable", null)) { }
        await emulator.CreateAsync("accounts", new { name = "Heard" });
        var json = JsonNode.Parse((await receiver.NextAsync()).Body)!;
        Assert.Equal("Heard", Value(Value(json["InputParameters"], "Target")!["Attributes"], "name")!.GetValue<string>());
    }

    [Fact]
    public async Task Auth_value_is_not_readable_back()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateAsync("serviceendpoints", new { name = "x", url = "http://127.0.0.1:1/hook", contract = 8, authtype = 5, authvalue = "<settings/>" });
        var json = await emulator.GetJsonAsync($"serviceendpoints({id})");
        Assert.Null(json["authvalue"]);
        Assert.True(json["isauthvalueset"]!.GetValue<bool>());
        using var select = await emulator.SendAsync(HttpMethod.Get, $"serviceendpoints({id})?$select=authvalue");
        Assert.Equal(HttpStatusCode.BadRequest, select.StatusCode);
    }
}
