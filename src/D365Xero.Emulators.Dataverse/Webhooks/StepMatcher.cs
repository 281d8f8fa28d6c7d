namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Finds the enabled steps a committed event fires (docs/dataverse-rules.md#d-webhook-steps; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook): message and table match through
/// sdkmessageid / sdkmessagefilterid; the handler is a Webhook serviceendpoint (contract 8); an Update step with
/// filteringattributes fires only when one of them is among the columns the request named.
/// </summary>
internal static class StepMatcher
{
    public static List<RegisteredStep> Match(DataverseStore store, RowEvent e)
    {
        var steps = store["sdkmessageprocessingstep"];
        var s = steps.Definition;
        var messages = store["sdkmessage"];
        var filters = store["sdkmessagefilter"];
        var endpoints = store["serviceendpoint"];
        var images = store["sdkmessageprocessingstepimage"];
        var result = new List<RegisteredStep>();
        foreach (var step in steps.Ordered())
        {
            if (step[s.Find("statecode")!] is int state && state != 0) continue;
            if (step[s.Find("sdkmessageid")!] is not EntityRef messageRef || messages.Get(messageRef.Id) is not { } message) continue;
            if (!string.Equals(message[messages.Definition.Find("name")!] as string, e.MessageName, StringComparison.Ordinal)) continue;
            if (step[s.Find("sdkmessagefilterid")!] is EntityRef filterRef && filters.Get(filterRef.Id) is { } filter
                && !string.Equals(filter[filters.Definition.Find("primaryobjecttypecode")!] as string, e.Table.LogicalName, StringComparison.Ordinal)) continue;
            if (step[s.Find("sdkmessagefilterid")!] is null) continue;
            if (step[s.Find("eventhandler")!] is not EntityRef handlerRef || endpoints.Get(handlerRef.Id) is not { } endpoint) continue;
            if (endpoint[endpoints.Definition.Find("contract")!] is not 8) continue;
            var filtering = (step[s.Find("filteringattributes")!] as string ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (e.MessageName == "Update" && filtering.Count > 0 && !e.RequestColumns.Any(c => filtering.Contains(c.LogicalName))) continue;
            var stepImages = images.Ordered()
                .Where(i => i[images.Definition.Find("sdkmessageprocessingstepid")!] is EntityRef r && r.Id == step.Id).ToList();
            result.Add(new RegisteredStep(step.Id, step[s.Find("mode")!] as int? ?? 0, filtering, endpoint, stepImages));
        }
        return result;
    }
}
