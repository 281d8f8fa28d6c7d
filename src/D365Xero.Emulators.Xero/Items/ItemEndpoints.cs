using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Items;

/// <summary>/api.xro/2.0/Items. Rule: [SPEC] operations; GET has no paging (docs/xero-rules.md#x-item-no-paging; developer.xero.com/documentation/api/items).</summary>
internal static class ItemEndpoints
{
    public static void MapItems(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        const string root = "/api.xro/2.0/Items";

        app.MapGet(root, (HttpContext ctx) =>
        {
            lock (org.Sync)
            {
                var rows = ListQuery.Where(ctx.Request, org.Items.All, "Item", out var error);
                return (error ?? ApiReply.Json(200, Envelope.Of("Items", rows.ToList(), time.GetUtcNow()))).ToResult();
            }
        });

        new KeyedEndpoints<Item>(root, "Items", "Item")
        {
            FindByKey = org.Items.FindByKey, Find = org.Items.Find, Create = org.Items.Create, Upsert = org.Items.Upsert, SetId = (i, id) => i.ItemID = id,
        }.Map(app, org, time);

        // Rule: [SPEC] DELETE answers 204, or 400 ValidationException; [SEC] tracked items used in transactions stay (docs/xero-rules.md#x-item-delete; developer.xero.com/documentation/api/items).
        app.MapDelete(root + "/{itemId:guid}", (Guid itemId) =>
        {
            lock (org.Sync)
            {
                if (org.Items.Find(itemId) is not { } item) return ApiReply.NotFound().ToResult();
                if (item.IsTrackedAsInventory == true && org.Invoices.UsesItem(item.Code!))
                {
                    var echo = XeroJson.Clone(item);
                    echo.ValidationErrors = [new ValidationError { Message = ItemRules.TrackedItemInUse }];
                    return ApiReply.Json(400, XeroErrors.Validation([echo])).ToResult();
                }
                org.Items.Remove(item);
                return Results.NoContent();
            }
        });
    }
}
