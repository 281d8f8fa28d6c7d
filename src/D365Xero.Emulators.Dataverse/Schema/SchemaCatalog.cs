namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The tables the emulator serves. Column names and types: metadata-crm-sales-extract.xml and docs/dataverse-rules.md#d-table-columns
/// (account, contact, product, salesorder, salesorderdetail, transactioncurrency) and docs/dataverse-rules.md#d-webhook-endpoint / docs/dataverse-rules.md#d-publisher-prefix
/// (serviceendpoint, sdkmessageprocessingstep(image), sdkmessage(filter), publisher, solution, organization).
/// </summary>
internal sealed class SchemaCatalog
{
    private static readonly (int, string)[] ActiveInactive = [(0, "Active"), (1, "Inactive")];
    private readonly Dictionary<string, TableDefinition> _byLogicalName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableDefinition> _bySet = new(StringComparer.Ordinal);

    public SchemaCatalog()
    {
        Build(new("account", "accounts", 1, "name"), t => t
            .String("name", 160).String("accountnumber", 20).String("emailaddress1", 100).String("emailaddress2", 100)
            .Strings(50, "telephone1", "telephone2", "fax").String("websiteurl", 200)
            .Strings(250, "address1_line1", "address1_line2", "address1_line3", "address2_line1", "address2_line2", "address2_line3")
            .Strings(80, "address1_city", "address2_city", "address1_country", "address2_country")
            .Strings(50, "address1_stateorprovince", "address2_stateorprovince").Strings(20, "address1_postalcode", "address2_postalcode")
            .Memo("description").Lookup("primarycontactid", "contact").Lookup("parentaccountid", "account")
            .Lookup("transactioncurrencyid", "transactioncurrency").Money("revenue", "creditlimit")
            .Picklist("paymenttermscode", PaymentTerms).Picklist("customertypecode", (1, "Competitor"), (2, "Consultant"), (3, "Customer"), (4, "Investor"), (5, "Partner"), (11, "Supplier"), (12, "Other"))
            .State(ActiveInactive).Status((1, "Active"), (2, "Inactive")).Audit()
            // Parental relationships: deleting an account deletes its contacts and orders. [unverified: the
            // cascade configuration of contact_customer_accounts / order_customer_accounts was not read in a source]
            .Children("contact_customer_accounts", "contact", "parentcustomerid", CascadeDelete.Cascade)
            .Children("order_customer_accounts", "salesorder", "customerid", CascadeDelete.Cascade)
            .Children("account_parent_account", "account", "parentaccountid", CascadeDelete.RemoveLink), tracked: true);

        Build(new("contact", "contacts", 2, "fullname"), t => t
            .String("firstname", 50).String("lastname", 50).String("fullname", 160, readOnly: true).String("jobtitle", 100)
            .String("emailaddress1", 100).Strings(50, "telephone1", "mobilephone")
            .Strings(250, "address1_line1", "address1_line2").Strings(80, "address1_city", "address1_country")
            .String("address1_stateorprovince", 50).String("address1_postalcode", 20)
            .Customer("parentcustomerid").Lookup("transactioncurrencyid", "transactioncurrency")
            .State(ActiveInactive).Status((1, "Active"), (2, "Inactive")).Audit()
            .Children("contact_customer_contacts", "contact", "parentcustomerid", CascadeDelete.Cascade)
            .Children("order_customer_contacts", "salesorder", "customerid", CascadeDelete.Cascade)
            // account_primary_contact: deleting the contact clears the account's primarycontactid.
            .Children("account_primary_contact", "account", "primarycontactid", CascadeDelete.RemoveLink), tracked: true);

        Build(new("product", "products", 1024, "name"), t => t
            .String("productnumber", 100).String("name", 100).Memo("description").Money("price", "standardcost", "currentcost")
            .Integer("quantitydecimal").Picklist("producttypecode", (1, "Sales Inventory"), (2, "Miscellaneous Charges"), (3, "Services"), (4, "Flat Fees"))
            .Picklist("productstructure", (1, "Product"), (2, "Product Family"), (3, "Product Bundle"))
            // The family a product belongs to (learn.microsoft.com/dynamics365/developer/reference/entities/product: parentproductid).
            .Lookup("parentproductid", "product")
            .Lookup("transactioncurrencyid", "transactioncurrency")
            .State((0, "Active"), (1, "Retired"), (2, "Draft"), (3, "Under Revision"))
            .Status((0, "Draft"), (1, "Active"), (2, "Retired"), (3, "Under Revision")).Audit()
            .Children("product_order_details", "salesorderdetail", "productid", CascadeDelete.RemoveLink), tracked: true);

        Build(new("salesorder", "salesorders", 1088, "name"), t => t
            .String("ordernumber", 100, createOnly: true).String("name", 300).Memo("description").Customer("customerid")
            .Lookup("transactioncurrencyid", "transactioncurrency", createOnly: true)
            .Money("discountamount", "freightamount").Decimal("discountpercentage")
            .ReadOnlyMoney("totalamount", "totallineitemamount", "totallineitemdiscountamount", "totaldiscountamount", "totalamountlessfreight", "totaltax")
            .DateTime("submitdate", format: "DateOnly").DateTime("datefulfilled", format: "DateOnly").DateTime("requestdeliveryby", format: "DateOnly")
            .Picklist("paymenttermscode", PaymentTerms).Picklist("freighttermscode", (1, "FOB"), (2, "No Charge")).Boolean("ispricelocked")
            .Strings(250, "billto_name", "billto_line1", "shipto_name", "shipto_line1").Strings(80, "billto_city", "billto_country", "shipto_city", "shipto_country")
            .Strings(20, "billto_postalcode", "shipto_postalcode")
            .State((0, "Active"), (1, "Submitted"), (2, "Canceled"), (3, "Fulfilled"), (4, "Invoiced"))
            .Status((1, "New"), (2, "Pending"), (3, "In Progress"), (4, "No Money"), (100001, "Complete"), (100002, "Partial"), (100003, "Invoiced")).Audit()
            .Children("order_details", "salesorderdetail", "salesorderid", CascadeDelete.Cascade)
            // Notes and the order-close activity are parental children of the order (docs/dataverse-rules.md#d-annotation; docs/dataverse-rules.md#d-fulfill-order).
            .Children("SalesOrder_Annotation", "annotation", "objectid", CascadeDelete.Cascade)
            .Children("SalesOrder_OrderClose", "orderclose", "salesorderid", CascadeDelete.Cascade), tracked: true);

        Build(new("salesorderdetail", "salesorderdetails", 1089, "productdescription"), t => t
            .Lookup("salesorderid", "salesorder", createOnly: true).Lookup("productid", "product")
            .Boolean("isproductoverridden", createOnly: true).String("productdescription", 500).Decimal("quantity")
            .Money("priceperunit", "manualdiscountamount", "tax").Boolean("ispriceoverridden")
            .ReadOnlyMoney("baseamount", "extendedamount", "volumediscountamount")
            .Integer("lineitemnumber").Integer("sequencenumber").Memo("description")
            .Picklist("producttypecode", (1, "Product"), (2, "Bundle"), (3, "Required Bundle Product"), (4, "Optional Bundle Product"), (5, "Project-based Service"))
            .Lookup("transactioncurrencyid", "transactioncurrency", readOnly: true).Audit(), tracked: true);

        Build(new("transactioncurrency", "transactioncurrencies", 9105, "currencyname"), t => t
            .String("isocurrencycode", 5, createOnly: true).String("currencyname", 100).String("currencysymbol", 10)
            .Decimal("exchangerate").Integer("currencyprecision").State(ActiveInactive).Status((1, "Active"), (2, "Inactive")).Audit(), tracked: true);

        // maxuploadfilesize: the largest note attachment in bytes, 5 MB by default (docs/dataverse-rules.md#d-annotation-size;
        // learn.microsoft.com/power-apps/developer/data-platform/annotation-file-data).
        Build(new("organization", "organizations", 1019, "name") { IsCustomizable = false }, t => t
            .String("name", 160).Integer("expirechangetrackingindays").Integer("maxuploadfilesize").Lookup("basecurrencyid", "transactioncurrency").Audit());

        Build(new("publisher", "publishers", 7101, "friendlyname"), t => t
            .String("uniquename", 256).String("friendlyname", 256).String("customizationprefix", 8)
            .Integer("customizationoptionvalueprefix").Memo("description").Audit());

        Build(new("solution", "solutions", 7100, "friendlyname"), t => t
            .String("uniquename", 256).String("friendlyname", 256).String("version", 256).Lookup("publisherid", "publisher")
            .Boolean("ismanaged").Memo("description").Audit());

        Build(new("serviceendpoint", "serviceendpoints", 4618, "name"), t => t
            .String("name", 256).String("url", 2000).String("namespaceaddress", 2000).Memo("description")
            .Picklist("contract", (1, "OneWay"), (2, "Queue"), (3, "Rest"), (4, "TwoWay"), (5, "Topic"), (6, "Queue (Persistent)"), (7, "Event Hub"), (8, "Webhook"), (9, "Event Grid"), (10, "Managed Data Lake"))
            .Picklist("authtype", (1, "ACS"), (2, "SAS Key"), (3, "SAS Token"), (4, "Webhook Key"), (5, "Http Header"), (6, "Http Query String"), (7, "Connection String"), (8, "Access Key"))
            // authvalue is IsValidForRead=False; isauthvalueset says whether it is set (docs/dataverse-rules.md#d-webhook-endpoint; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).
            .String("authvalue", 2048, readable: false).Boolean("isauthvalueset", readOnly: true)
            .Picklist("messageformat", (1, "Binary XML"), (2, "Json"), (3, "Text XML")).Picklist("userclaim", (1, "None"), (2, "UserId"), (3, "UserInfo")).Audit()
            .Children("serviceendpoint_sdkmessageprocessingstep", "sdkmessageprocessingstep", "eventhandler", CascadeDelete.Cascade));

        Build(new("sdkmessageprocessingstep", "sdkmessageprocessingsteps", 4608, "name"), t => t
            .String("name", 256).Memo("description").Picklist("mode", (0, "Synchronous"), (1, "Asynchronous"))
            .Picklist("stage", (10, "Pre-validation"), (20, "Pre-operation"), (40, "Post-operation")).Integer("rank")
            .Memo("filteringattributes", 100000).Boolean("asyncautodelete").Picklist("supporteddeployment", (0, "Server Only"), (1, "Microsoft Dynamics 365 Client for Outlook Only"), (2, "Both"))
            .Lookup("eventhandler", "serviceendpoint", "eventhandler_serviceendpoint").Lookup("sdkmessageid", "sdkmessage").Lookup("sdkmessagefilterid", "sdkmessagefilter")
            .State((0, "Enabled"), (1, "Disabled")).Status((1, "Enabled"), (2, "Disabled")).Audit()
            .Children("sdkmessageprocessingstepid_sdkmessageprocessingstepimage", "sdkmessageprocessingstepimage", "sdkmessageprocessingstepid", CascadeDelete.Cascade));

        Build(new("sdkmessageprocessingstepimage", "sdkmessageprocessingstepimages", 4615, "name"), t => t
            .Lookup("sdkmessageprocessingstepid", "sdkmessageprocessingstep").Picklist("imagetype", (0, "PreImage"), (1, "PostImage"), (2, "Both"))
            .String("name", 256).String("entityalias", 256).String("messagepropertyname", 256).Memo("attributes", 100000).Audit());

        Build(new("sdkmessage", "sdkmessages", 4606, "name"), t => t.String("name", 256).Audit());

        Build(new("sdkmessagefilter", "sdkmessagefilters", 4607, "name"), t => t
            .String("name", 256).Lookup("sdkmessageid", "sdkmessage").EntityName("primaryobjecttypecode").EntityName("secondaryobjecttypecode")
            .Boolean("iscustomprocessingstepallowed").Audit());

        // Forms and views (docs/dataverse-rules.md#d-systemforms-formxml; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemform;
        // docs/dataverse-rules.md#d-savedqueries; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/savedquery). A form's key is formid.
        Build(new("systemform", "systemforms", 1030, "name", primaryId: "formid"), t => t
            .String("name", 100).Memo("description").EntityName("objecttypecode").Memo("formxml", 1073741823)
            .Picklist("type", (0, "Dashboard"), (1, "AppointmentBook"), (2, "Main"), (5, "Mobile"), (6, "Quick View Form"), (7, "Quick Create"), (11, "Card"), (12, "Main - Interactive experience"))
            .Boolean("isdefault").Picklist("formactivationstate", (0, "Inactive"), (1, "Active")).Boolean("iscustomizable").Audit());

        Build(new("savedquery", "savedqueries", 1039, "name"), t => t
            .String("name", 200).Memo("description").EntityName("returnedtypecode").Memo("fetchxml", 1073741823).Memo("layoutxml", 1073741823)
            .Integer("querytype").Boolean("isdefault").Boolean("isquickfindquery").State(ActiveInactive).Status((1, "Active"), (2, "Inactive")).Audit());

        // Notes (docs/dataverse-rules.md#d-annotation; learn.microsoft.com/power-apps/developer/data-platform/annotation-file-data;
        // metadata-dataverse-v9.1-full.xml EntityType annotation): objectid is a polymorphic lookup bound as objectid_{table};
        // isdocument, filesize and objecttypecode are kept by the platform (AnnotationRules).
        Build(new("annotation", "annotations", 5, "subject"), t => t
            .String("subject", 500).Memo("notetext", 100000).String("filename", 255).String("mimetype", 256)
            .Memo("documentbody", 0).Boolean("isdocument").Integer("filesize", readOnly: true).EntityName("objecttypecode")
            .Polymorphic("objectid", "account", "contact", "product", "salesorder").Audit());

        // The order-close activity FulfillSalesOrder creates (docs/dataverse-rules.md#d-fulfill-order;
        // learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/fulfillsalesorder); entity set ordercloses
        // (metadata-crm-sales-extract.xml NavigationPropertyBinding SalesOrder_OrderClose). An activity's key is activityid.
        Build(new("orderclose", "ordercloses", 4209, "subject", primaryId: "activityid") { IsActivity = true }, t => t
            .String("subject", 200).Memo("description").Lookup("salesorderid", "salesorder").DateTime("actualend")
            .State((0, "Open"), (1, "Completed"), (2, "Canceled")).Status((1, "Open"), (2, "Completed"), (3, "Canceled")).Audit());

        // AddSolutionComponent records what a solution holds (docs/dataverse-rules.md#d-solution-components; learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/addsolutioncomponent).
        Build(new("solutioncomponent", "solutioncomponents", 7103, "objectid"), t => t
            .Lookup("solutionid", "solution").String("objectid", 40).Integer("componenttype").Audit());
    }

    /// <summary>Payment terms choice (account and salesorder paymenttermscode).</summary>
    private static (int, string)[] PaymentTerms => [(1, "Net 30"), (2, "2% 10, Net 30"), (3, "Net 45"), (4, "Net 60")];

    /// <summary>The tables whose rows the connector syncs and whose Create/Update/Delete fire webhooks.</summary>
    public static readonly string[] BusinessTables = ["account", "contact", "product", "salesorder", "salesorderdetail", "transactioncurrency"];

    public IEnumerable<TableDefinition> Tables => _byLogicalName.Values;

    public TableDefinition? ByLogicalName(string name) => _byLogicalName.GetValueOrDefault(name);

    public TableDefinition? BySet(string set) => _bySet.GetValueOrDefault(set);

    public TableDefinition this[string logicalName] => _byLogicalName[logicalName];

    /// <summary>Relationships made through <c>POST RelationshipDefinitions</c>, by SchemaName, as their metadata reads back.</summary>
    public Dictionary<string, System.Text.Json.Nodes.JsonObject> Relationships { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Object type codes of custom tables start at 10000, as Dataverse's do.</summary>
    public int NextCustomObjectTypeCode() => Math.Max(10000, _byLogicalName.Values.Max(t => t.ObjectTypeCode) + 1);

    /// <summary>Adds a table made through the metadata API (the store must be told too: <see cref="DataverseStore.AddTable"/>).</summary>
    public void AddTable(TableDefinition table)
    {
        _byLogicalName[table.LogicalName] = table;
        _bySet[table.EntitySetName] = table;
    }

    /// <summary>Takes a custom table away with every relationship and lookup that involves it.</summary>
    public void RemoveTable(TableDefinition table)
    {
        _byLogicalName.Remove(table.LogicalName);
        _bySet.Remove(table.EntitySetName);
        foreach (var name in Relationships.Where(r => r.Value["ReferencingEntity"]?.GetValue<string>() == table.LogicalName
            || r.Value["ReferencedEntity"]?.GetValue<string>() == table.LogicalName).Select(r => r.Key).ToList())
            Relationships.Remove(name);
        foreach (var other in _byLogicalName.Values)
        {
            other.CollectionNavigations.RemoveAll(n => n.ChildTable == table.LogicalName);
            foreach (var lookup in other.Columns.Where(c => c.IsLookup && c.Targets.Any(t => t.Table == table.LogicalName)).ToList())
            {
                if (lookup.Targets.Count > 1) other.RemoveTarget(lookup, table.LogicalName);
                else other.Remove(lookup);
            }
        }
    }

    private void Build(TableDefinition table, Action<TableBuilder> columns, bool tracked = false)
    {
        columns(new TableBuilder(table));
        // The synced tables have change tracking on by default in the emulator (brief); a control call turns it off.
        table.ChangeTrackingEnabled = tracked;
        _byLogicalName[table.LogicalName] = table;
        _bySet[table.EntitySetName] = table;
    }
}
