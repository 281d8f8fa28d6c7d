using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>What the invoice read-back writes beyond columns: rows of the connector's own tables, notes, and actions.</summary>
public sealed partial class DataverseClient
{
    /// <summary>
    /// Creates or updates one row by its id: PATCH without <c>If-Match</c> is an upsert (docs/dataverse-rules.md#d-upsert;
    /// learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api). The caller picks a
    /// stable id (one per Xero payment, one per invoice PDF), so writing again after a crash changes the same row, never adds another.
    /// </summary>
    public async Task UpsertAsync(string entitySet, Guid id, JsonObject values, CancellationToken cancellationToken = default)
    {
        RequireName(entitySet, nameof(entitySet));
        var request = new DataverseRequest(HttpMethod.Patch, Api($"{entitySet}({ODataLiteral.Guid(id)})"), DataverseOperation.Upsert) { Body = values.DeepClone() };
        using var _ = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>FulfillSalesOrder</c>: closes the order as fulfilled with an order-close activity (statecode 3, the given status reason;
    /// learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/fulfillsalesorder). 100001 is the status reason "Complete".
    /// </summary>
    public async Task FulfillSalesOrderAsync(Guid orderId, string subject, int status = 100001, CancellationToken cancellationToken = default)
    {
        var request = new DataverseRequest(HttpMethod.Post, Api("FulfillSalesOrder"), DataverseOperation.Action)
        {
            Body = new JsonObject
            {
                ["OrderClose"] = new JsonObject
                {
                    ["@odata.type"] = "Microsoft.Dynamics.CRM.orderclose",
                    ["salesorderid@odata.bind"] = $"/salesorders({ODataLiteral.Guid(orderId)})",
                    ["subject"] = subject,
                },
                ["Status"] = status,
            },
            Retry = RetryMode.ThrottleOnly,
        };
        using var _ = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
