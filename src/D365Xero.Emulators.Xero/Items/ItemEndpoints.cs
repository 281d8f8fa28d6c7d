using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Items;

/// <summary>/api.xro/2.0/Items. Rule: [SPEC] operations; GET has no paging (docs/xero-rules.md#X-item-no-paging; developer.xero.com/documentation/api/items).</summary>
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

        app.MapGet(root + "/{key}", (string key) =>
        {
            lock (org.Sync)
            {
                var found = org.Items.FindByKey(key);
                return (found is null ? ApiReply.NotFound() : ApiReply.Json(200, Envelope.Of("Items", new[] { found }, time.GetUtcNow()))).ToResult();
            }
        });

        app.MapPut(root, BatchEndpoint.For<Item>(org, time, "Items", "Item", org.Items.Create));
        app.MapPost(root, BatchEndpoint.For<Item>(org, time, "Items", "Item", org.Items.Upsert));

        app.MapPost(root + "/{itemId:guid}", (HttpContext ctx, Guid itemId) =>
        {
            lock (org.Sync)
                if (org.Items.Find(itemId) is null) return Task.FromResult(ApiReply.NotFound().ToResult());
            return BatchEndpoint.HandleAsync<Item>(ctx, org, time, "Items", "Item", (i, now) =>
            {
                i.ItemID = itemId;
                return org.Items.Upsert(i, now);
            });
        });

        // Rule: [SPEC] DELETE answers 204, or 400 ValidationException; [SEC] tracked items used in transactions stay (docs/xero-rules.md#X-item-delete; developer.xero.com/documentation/api/items).
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
