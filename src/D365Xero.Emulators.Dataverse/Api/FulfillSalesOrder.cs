using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The unbound action <c>POST FulfillSalesOrder</c> (docs/dataverse-rules.md#d-fulfill-order; learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/fulfillsalesorder):
/// <c>{"OrderClose":{"@odata.type":"Microsoft.Dynamics.CRM.orderclose","salesorderid@odata.bind":"/salesorders(id)","subject":…},"Status":100001}</c>
/// creates the completed order-close activity and sets the order to statecode 3 (Fulfilled) with the given statuscode, in one unit.
/// Answers 204 with no body (the action returns no value).
/// </summary>
internal static class FulfillSalesOrder
{
    public static ApiResponse Handle(EmulatorContext ctx, ApiRequest request)
    {
        var body = PayloadReader.ParseObject(request.Body);
        var close = body["OrderClose"] as JsonObject ?? throw Errors.BadRequest("The OrderClose parameter is required.");
        if (body["Status"] is not JsonValue statusValue || statusValue.GetValueKind() != JsonValueKind.Number)
            throw Errors.BadRequest("The Status parameter is required.");
        var status = statusValue.GetValue<int>();
        var store = ctx.Store;
        var closes = store.Schema["orderclose"];
        var fields = (JsonObject)close.DeepClone();
        fields.Remove("@odata.type");
        var payload = PayloadReader.Read(store, closes, fields);
        if (payload.Values.FirstOrDefault(v => v.Key.LogicalName == "salesorderid").Value is not EntityRef orderRef)
            throw Errors.BadRequest("The OrderClose must name its order with salesorderid@odata.bind."); // [unverified wording]
        var orders = store.Schema["salesorder"];
        var order = store[orders].Get(orderRef.Id) ?? throw Errors.NotFound(orders, orderRef.Id);
        var state = SalesOrderStates.State(orders, order);
        // Rule: only an Active or Submitted order can be fulfilled; a Canceled, Fulfilled or Invoiced one is closed (docs/dataverse-rules.md#d-fulfill-order).
        if (SalesOrderStates.IsClosed(state))
            throw Errors.BadRequest($"The salesorder {order.Id} cannot be fulfilled: it is {orders.Find("statecode")!.Options[state!.Value]}.", "0x80040203"); // [unverified wording]
        // Rule: Status must be a statuscode of the Fulfilled state (docs/dataverse-rules.md#d-fulfill-order).
        if (!SalesOrderStates.Statuses[SalesOrderStates.Fulfilled].Contains(status))
            throw Errors.BadRequest($"{status} is not a valid status code for state code SalesOrderState.Fulfilled on salesorder with Id {order.Id}.", "0x80040203"); // [unverified wording]

        payload.Set(closes.Find("statecode")!, ColumnValues.BoxInt(1)); // Completed
        payload.Set(closes.Find("statuscode")!, ColumnValues.BoxInt(2));
        if (payload.Values.All(v => v.Key.LogicalName != "actualend")) payload.Set(closes.Find("actualend")!, Second(store.Now));
        var change = new WritePayload();
        change.Set(orders.Find("statecode")!, ColumnValues.BoxInt(SalesOrderStates.Fulfilled));
        change.Set(orders.Find("statuscode")!, ColumnValues.BoxInt(status));
        using var unit = store.Begin();
        ctx.Records.Create(closes, payload);
        ctx.Records.Update(orders, order, change);
        unit.Commit();
        return ApiResponse.NoContent();
    }

    private static DateTimeOffset Second(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
