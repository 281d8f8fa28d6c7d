using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Builds the RemoteExecutionContext body of a webhook POST in the property order of
/// webhook-contact-update-async.json (docs/dataverse-rules.md#d-webhook-body; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks). Target is an Entity for Create and
/// Update and an EntityReference for Delete [unverified for Delete]; Create answers OutputParameters id
/// (webhook-account-create-sync-postop.json); async Create/Update carry the AsynchronousStepPrimaryName post image.
/// </summary>
internal sealed class ExecutionContextBuilder(EmulatorContext ctx)
{
    public JsonObject Build(RowEvent e, RegisteredStep step, Guid correlationId)
    {
        var operationId = Guid.NewGuid();
        var target = Target(e, requestOnly: false);
        var json = Context(e, step.Mode, 40, correlationId, operationId, step.Id, new[] { Pair("Target", target) });
        json["OutputParameters"] = e.MessageName == "Create" ? WcfJson.Pairs([Pair("id", JsonValue.Create(e.Id.ToString("D")))]) : new JsonArray();
        var parent = Context(e, step.Mode, 30, correlationId, operationId, step.Id,
            [Pair("Target", Target(e, requestOnly: true)), Pair("SuppressDuplicateDetection", JsonValue.Create(false))]);
        parent["ParentContext"] = null;
        json["ParentContext"] = parent;
        json["PostEntityImages"] = WcfJson.Pairs(Images(e, step, post: true));
        json["PreEntityImages"] = WcfJson.Pairs(Images(e, step, post: false));
        Tail(json, e, 40);
        return json;
    }

    private JsonObject Context(RowEvent e, int mode, int stage, Guid correlationId, Guid operationId, Guid stepId, IEnumerable<KeyValuePair<string, JsonNode?>> input)
    {
        var json = new JsonObject
        {
            ["BusinessUnitId"] = ctx.BusinessUnitId.ToString("D"),
            ["CorrelationId"] = correlationId.ToString("D"),
            ["Depth"] = 1,
            ["InitiatingUserId"] = ctx.UserId.ToString("D"),
            ["InputParameters"] = WcfJson.Pairs(input),
            ["IsExecutingOffline"] = false,
            ["IsInTransaction"] = false,
            ["IsOfflinePlayback"] = false,
            ["IsolationMode"] = 1,
            ["MessageName"] = e.MessageName,
            ["Mode"] = mode,
            ["OperationCreatedOn"] = WcfJson.Date(e.At),
            ["OperationId"] = operationId.ToString("D"),
            ["OrganizationId"] = ctx.OrganizationId.ToString("D"),
            ["OrganizationName"] = ctx.OrganizationName,
            ["OutputParameters"] = new JsonArray(),
            ["OwningExtension"] = WcfJson.Reference("sdkmessageprocessingstep", stepId, typed: false),
        };
        if (stage == 30)
        {
            json["PostEntityImages"] = new JsonArray();
            json["PreEntityImages"] = new JsonArray();
            Tail(json, e, stage);
        }
        return json;
    }

    private void Tail(JsonObject json, RowEvent e, int stage)
    {
        json["PrimaryEntityId"] = e.Id.ToString("D");
        json["PrimaryEntityName"] = e.Table.LogicalName;
        json["RequestId"] = null;
        json["SecondaryEntityName"] = "none";
        json["SharedVariables"] = new JsonArray();
        json["Stage"] = stage;
        json["UserId"] = ctx.UserId.ToString("D");
    }

    /// <summary>Create: every set column; Update: the named columns plus what the platform changed; Delete: a reference.</summary>
    private JsonNode Target(RowEvent e, bool requestOnly)
    {
        if (e.MessageName == "Delete") return WcfJson.Reference(e.Table.LogicalName, e.Id);
        var after = e.After!;
        var attributes = new List<KeyValuePair<ColumnDefinition, object?>>();
        foreach (var column in e.Table.Columns)
        {
            if (column == e.Table.PrimaryId || column.LogicalName == "versionnumber") continue;
            var named = e.RequestColumns.Contains(column);
            var include = e.MessageName == "Create" && !requestOnly
                ? after[column] is not null
                : named || (!requestOnly && column.IsReadOnly && e.Before is not null && !Equals(e.Before[column], after[column]));
            if (include && column.IsReadable) attributes.Add(new(column, after[column]));
        }
        attributes.Add(new(e.Table.PrimaryId, e.Id));
        if (!requestOnly && e.MessageName == "Update")
            attributes.Add(new(new ColumnDefinition { LogicalName = "modifiedby", Type = ColumnType.Lookup }, new EntityRef("systemuser", ctx.UserId)));
        return WcfJson.Entity(e.Table, e.Id, attributes, typed: true);
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> Images(RowEvent e, RegisteredStep step, bool post)
    {
        var source = post ? e.After : e.Before;
        if (source is null) yield break;
        if (post && step.Mode == 1)
        {
            // webhook-contact-update-async.json: async steps carry the primary name and key as this image.
            var primary = e.Table.Find(e.Table.PrimaryNameAttribute);
            var pairs = primary is null ? [] : new[] { new KeyValuePair<ColumnDefinition, object?>(primary, source[primary]) };
            yield return Pair("AsynchronousStepPrimaryName", WcfJson.Entity(e.Table, e.Id, [.. pairs, new(e.Table.PrimaryId, e.Id)], typed: false));
        }
        var images = ctx.Store["sdkmessageprocessingstepimage"].Definition;
        foreach (var image in step.Images)
        {
            var type = image[images.Find("imagetype")!] as int? ?? 0;
            if (type != 2 && type != (post ? 1 : 0)) continue;
            var alias = image[images.Find("entityalias")!] as string ?? image[images.Find("name")!] as string ?? "Image";
            var wanted = (image[images.Find("attributes")!] as string ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var attributes = e.Table.Columns
                .Where(c => c != e.Table.PrimaryId && c.IsReadable && source[c] is not null && (wanted.Count == 0 || wanted.Contains(c.LogicalName)))
                .Select(c => new KeyValuePair<ColumnDefinition, object?>(c, source[c]))
                .Append(new(e.Table.PrimaryId, e.Id));
            yield return Pair(alias, WcfJson.Entity(e.Table, e.Id, attributes, typed: false));
        }
    }

    private static KeyValuePair<string, JsonNode?> Pair(string key, JsonNode? value) => new(key, value);
}
