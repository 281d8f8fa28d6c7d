using System.Xml.Linq;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class WebhookRegistrarTests
{
    private static readonly WebhookEndpoint Endpoint = new("d365-xero", new Uri("https://sync.example.com/webhooks/dataverse"), "pa\"ss<&>'word");

    private static readonly WebhookStep[] Steps =
    [
        new("account", "Create"),
        new("account", "Update", FilteringAttributes: ["name", "accountnumber", "telephone1"]),
        new("account", "Delete", PreImageAttributes: ["xero_contactid"]),
    ];

    private static (DataverseHarness Harness, FakeRegistrationStore Store, WebhookRegistrar Registrar) Arrange()
    {
        var h = new DataverseHarness();
        var store = new FakeRegistrationStore();
        h.Fake.Router = store.Handle;
        return (h, store, new WebhookRegistrar(h.Client));
    }

    [Fact]
    public async Task First_run_creates_the_endpoint_async_post_operation_steps_and_a_delete_pre_image()
    {
        var (h, store, registrar) = Arrange();

        var result = await registrar.RegisterAsync(Endpoint, Steps);

        Assert.True(result.EndpointCreated);
        Assert.All(result.Steps, s => Assert.True(s.Created));
        var endpoint = Assert.Single(store.Endpoints).Value;
        Assert.Equal(8, endpoint["contract"]!.GetValue<int>());
        Assert.Equal(5, endpoint["authtype"]!.GetValue<int>());
        Assert.Equal(2, endpoint["messageformat"]!.GetValue<int>());
        Assert.Equal("https://sync.example.com/webhooks/dataverse", endpoint["url"]!.GetValue<string>());

        Assert.Equal(3, store.Steps.Count);
        Assert.All(store.Steps.Values, s =>
        {
            Assert.Equal(1, s["mode"]!.GetValue<int>());
            Assert.Equal(40, s["stage"]!.GetValue<int>());
            Assert.Equal(result.EndpointId, FakeRegistrationStore.Bound(s, "eventhandler_serviceendpoint"));
        });
        var update = store.Steps.Values.Single(s => FakeRegistrationStore.Bound(s, "sdkmessageid") == FakeRegistrationStore.MessageId("Update"));
        Assert.Equal("name,accountnumber,telephone1", update["filteringattributes"]!.GetValue<string>());
        Assert.Equal(FakeRegistrationStore.FilterId("account", "Update"), FakeRegistrationStore.Bound(update, "sdkmessagefilterid"));

        var (imageId, image) = Assert.Single(store.Images);
        var deleteStep = result.Steps.Single(s => s.Message == "Delete");
        Assert.Equal(imageId, deleteStep.PreImageId);
        Assert.Equal(deleteStep.StepId, FakeRegistrationStore.Bound(image, "sdkmessageprocessingstepid"));
        Assert.Equal(0, image["imagetype"]!.GetValue<int>());
        Assert.Equal("Target", image["messagepropertyname"]!.GetValue<string>());
        Assert.Equal("xero_contactid", image["attributes"]!.GetValue<string>());
        Assert.All(result.Steps.Where(s => s.Message != "Delete"), s => Assert.Null(s.PreImageId));
    }

    [Fact]
    public async Task Second_run_updates_what_exists_instead_of_duplicating_it()
    {
        var (h, store, registrar) = Arrange();
        var first = await registrar.RegisterAsync(Endpoint, Steps);
        var requestsBefore = h.Fake.Requests.Count;

        var changed = Steps.Select(s => s.Message == "Update" ? s with { FilteringAttributes = ["name", "websiteurl"] } : s).ToList();
        var second = await registrar.RegisterAsync(Endpoint with { Url = new Uri("https://new.example.com/webhooks/dataverse") }, changed);

        Assert.False(second.EndpointCreated);
        Assert.Equal(first.EndpointId, second.EndpointId);
        Assert.All(second.Steps, s => Assert.False(s.Created));
        Assert.Equal(first.Steps.Select(s => s.StepId), second.Steps.Select(s => s.StepId));
        Assert.Single(store.Endpoints);
        Assert.Equal(3, store.Steps.Count);
        Assert.Single(store.Images);
        Assert.Equal("https://new.example.com/webhooks/dataverse", store.Endpoints.Single().Value["url"]!.GetValue<string>());
        Assert.Contains(store.Steps.Values, s => s["filteringattributes"]?.GetValue<string>() == "name,websiteurl");
        Assert.DoesNotContain(h.Fake.Requests.Skip(requestsBefore), r => r.Method == HttpMethod.Post);
        Assert.All(h.Fake.Requests.Skip(requestsBefore).Where(r => r.Method == HttpMethod.Patch), r => Assert.Equal("*", r.Header("If-Match")));
    }

    [Fact]
    public async Task Secret_is_sent_as_escaped_header_settings_xml()
    {
        var (_, store, registrar) = Arrange();

        await registrar.RegisterAsync(Endpoint, []);

        var authValue = store.Endpoints.Single().Value["authvalue"]!.GetValue<string>();
        var setting = XElement.Parse(authValue).Element("setting")!;
        Assert.Equal("x-d365xero-secret", setting.Attribute("name")!.Value);
        Assert.Equal(Endpoint.Secret, setting.Attribute("value")!.Value);
    }

    [Fact]
    public async Task Endpoint_name_with_a_quote_is_escaped_in_the_lookup_filter()
    {
        var (h, store, registrar) = Arrange();
        var named = Endpoint with { Name = "O'Brien's sync" };

        await registrar.RegisterAsync(named, []);
        await registrar.RegisterAsync(named, []);

        Assert.Single(store.Endpoints);
        Assert.Contains("name eq 'O''Brien''s sync'", h.Fake.Requests[0].Relative);
    }

    [Theory]
    [InlineData("Create", new[] { "name" }, null)]
    [InlineData("Update", null, new[] { "xero_contactid" })]
    [InlineData("Merge", null, null)]
    public async Task Steps_the_connector_cannot_register_are_refused_before_any_request(string message, string[]? filtering, string[]? image)
    {
        var (h, _, registrar) = Arrange();

        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync(Endpoint, [new("account", message, filtering, image)]));

        Assert.Empty(h.Fake.Requests);
    }
}
