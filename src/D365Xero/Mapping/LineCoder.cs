using System.Text.Json.Nodes;
using D365Xero.Configuration;
using D365Xero.Configuration.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// Codes a line from the configured <see cref="MappingOptions"/> (docs/mappings.md): each map reads its
/// column from the order, the line or the product and translates it; an account code or tax type that
/// maps to nothing falls back to <c>Sync:SalesAccountCode</c> / <c>Sync:TaxType</c>; a tracking category
/// that maps to nothing is left off the line. Pure.
/// </summary>
public static class LineCoder
{
    public static LineCoding Code(SyncOptions options, JsonObject? order, JsonObject? line, JsonObject? product)
    {
        var mapping = options.Mapping;
        string? Read(ColumnMap map) => map.Source is { } source ? map.Translate(MappedValue.Of(source.Table switch
        {
            "salesorder" => order,
            "salesorderdetail" => line,
            _ => product,
        }, source.Column)) : null;
        var tracking = mapping.Tracking
            .Select(t => Read(t) is { } option ? new XeroLineTracking { Name = t.Category, Option = option } : null)
            .OfType<XeroLineTracking>().ToList();
        return new LineCoding(Read(mapping.AccountCode) ?? options.SalesAccountCode, Read(mapping.TaxType) ?? options.TaxType, tracking);
    }
}
