namespace D365Xero.IntegrationTests.Settings;

/// <summary>A wrong value for every setting the README documents (and every <c>Sync</c> key), with what the refusal says is allowed.</summary>
public static class BadSettings
{
    private const string Url = "allowed: an absolute http:// or https:// URL";
    private const string Text = "allowed: any text that is not blank";
    private const string NotBlank = "allowed: text that is not blank, or no setting at all";

    /// <summary>Per connection: <c>Dataverse:…</c>, <c>Xero:…</c>, <c>Sync:…</c>, or the same under <c>Connections:0:</c>.</summary>
    public static readonly IReadOnlyList<(string Key, string Value, string Allowed)> PerConnection =
    [
        ("Dataverse:Url", "contoso.crm.dynamics.com", Url),
        ("Dataverse:TenantId", " ", Text),
        ("Dataverse:ClientId", " ", Text),
        ("Dataverse:ClientSecret", " ", NotBlank),
        ("Dataverse:Credential", "Certificate", "allowed values are ClientSecret, ClientCertificate, ManagedIdentity, WorkloadIdentity"),
        ("Dataverse:ClientCertificatePath", " ", NotBlank),
        ("Dataverse:ClientCertificateThumbprint", " ", NotBlank),
        ("Dataverse:Forms", " ", NotBlank),
        ("Dataverse:AuthorityUrl", "login.microsoftonline.com", Url),
        ("Dataverse:ColumnPrefix", "1x", "allowed: 2 to 8 letters or digits, starting with a letter"),
        ("Xero:ClientId", " ", Text),
        ("Xero:ClientSecret", " ", Text),
        ("Xero:TenantId", "Demo Company", "allowed: a GUID such as 6f1c9a4e-2b7d-4e3a-9c5f-8d1e0a2b3c4d"),
        ("Xero:WebhookKey", " ", NotBlank),
        ("Xero:WebhookUrl", "sync.contoso.com/webhooks/xero", Url),
        ("Xero:ApiUrl", "api.xero.com", Url),
        ("Xero:IdentityUrl", "ftp://identity.xero.com", Url),
        ("Xero:AuthorizeUrl", "/identity/connect/authorize", Url),
        ("Xero:Scopes", "offline_access,accounting.contacts", "allowed: Xero scopes separated by single spaces, such as offline_access accounting.contacts"),
        ("Xero:DayLimit", "0", "allowed: a whole number from 1 to 5000"),
        ("Xero:ReadShare", "0.2", "allowed: a whole number from 1 to 100"),
        ("Sync:SalesAccountCode", "12345678901", "allowed: a Xero account code of up to 10 characters"),
        ("Sync:TaxType", "GST 10", "allowed: a Xero tax type such as OUTPUT or TAX001 (letters, digits, _)"),
        ("Sync:LineAmountTypes", "Gross", "allowed values are Exclusive, Inclusive, NoTax"),
        ("Sync:AuthoriseWhen", "Fulfiled", "allowed values are Never, Fulfilled, Invoiced"),
        ("Sync:DefaultDueDays", "-1", "allowed: a whole number from 0 to 3650"),
        ("Sync:StandaloneContacts", "yes", "allowed values are true, false"),
        ("Sync:RetiredProducts", "Archive", "allowed values are Keep, Delete"),
        ("Sync:PollInterval", "00:00:00", "allowed: a duration such as 00:00:30 from 00:00:01 to 1.00:00:00"),
        ("Sync:ClaimLease", "soon", "allowed: a duration such as 00:00:30 from 00:00:01 to 1.00:00:00"),
        ("Sync:MaxBatchWait", "00:05:00", "allowed: a duration such as 00:00:30 from 00:00:00 to 00:01:00"),
        ("Sync:Parallelism", "9", "allowed: a whole number from 1 to 5"),
        ("Sync:MaxAttempts", "0", "allowed: a whole number from 1 to 100"),
        ("Sync:EmptyOrderWait", "later", "allowed: a duration such as 00:00:30 from 00:00:00 to 7.00:00:00"),
        ("Sync:InvoicePollInterval", "00:00:10", "allowed: a duration such as 00:00:30 from 00:01:00 to 1.00:00:00"),
        ("Sync:AttachInvoicePdf", "maybe", "allowed values are true, false"),
        ("Sync:FulfilWhenPaid", "yes", "allowed values are true, false"),
        ("Sync:CreditPaidCancellations", "1x", "allowed values are true, false"),
        ("Sync:OutageFailures", "1", "allowed: a whole number from 2 to 100"),
        ("Sync:OutageFirstProbe", "00:00:00", "allowed: a duration such as 00:00:30 from 00:00:01 to 00:10:00"),
        ("Sync:OutageProbeMax", "2:00:00", "allowed: a duration such as 00:00:30 from 00:00:01 to 01:00:00"),
        ("Sync:OutageGiveUp", "never", "allowed: a duration such as 00:00:30 from 00:00:00 to 1.00:00:00"),
        ("Mapping:AccountCode:Column", "parentproductid", "allowed: a Dynamics column as table.column, the table one of salesorder, salesorderdetail, product"),
        ("Mapping:AccountCode:Values:Bikes", "12345678901", "allowed: a Xero account code of up to 10 characters"),
        ("Mapping:TaxType:Column", "invoice.new_taxcode", "allowed: a Dynamics column as table.column, the table one of salesorder, salesorderdetail, product"),
        ("Mapping:TaxType:Values:Bikes", "GST 10", "allowed: a Xero tax type such as OUTPUT or TAX001 (letters, digits, _)"),
        ("Mapping:Tracking:0:Category", " ", "allowed: the name of a Xero tracking category, e.g. Region"),
        ("Mapping:Contact:TaxNumber:Column", "salesorder.new_vatnumber", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:TaxNumber:KeepWhenEmpty", "sometimes", "allowed: true or false"),
        ("Mapping:Contact:DefaultCurrency:Column", "account", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:DefaultCurrency:Values:Sterling", "POUND", "allowed: a three-letter ISO currency code such as NZD"),
        ("Mapping:Contact:PaymentTermsDay:Column", "account.New Day", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:PaymentTermsType:Column", "product.new_termstype", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:PaymentTermsType:Values:Net", "NET30", "allowed: one of DAYSAFTERBILLDATE, DAYSAFTERBILLMONTH, OFCURRENTMONTH, OFFOLLOWINGMONTH"),
        ("Mapping:Contact:AccountsReceivableTaxType:Column", "account.", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:VatNumber:Column", "account.new_vatnumber", "allowed: a field among TaxNumber, DefaultCurrency, PaymentTermsDay, PaymentTermsType, AccountsReceivableTaxType, ContactGroup"),
        ("Mapping:Contact:ContactGroup:Column", "salesorder.new_segment", "allowed: a Dynamics column as account.column, e.g. account.new_example"),
        ("Mapping:Contact:ContactGroup:KeepWhenEmpty", "yes", "allowed: true or false"),
        ("Mapping:Item:PurchaseAccountCode:Column", "account.new_purchaseaccount", "allowed: a Dynamics column as product.column, e.g. product.new_example"),
        ("Mapping:Item:PurchaseCost:Column", "standardcost", "allowed: a Dynamics column as product.column, e.g. product.new_example"),
        ("Mapping:Invoice:BrandingTheme:Column", "salesorderdetail.new_theme", "allowed: a Dynamics column as salesorder.column, e.g. salesorder.new_example"),
        ("Mapping:Invoice:Reference", "{new_customerpo}", "allowed: order columns in braces with {ordernumber} among them (the connector tells invoices apart by it), e.g. {ordernumber} / {new_customerpo}"),
        ("Mapping:Invoice:DueDate:Column", "product.new_due", "allowed: a Dynamics column as salesorder.column, e.g. salesorder.new_example"),
    ];

    /// <summary>For the whole instance, top level only.</summary>
    public static readonly IReadOnlyList<(string Key, string Value, string Allowed)> Global =
    [
        ("Store:SecretKey", "c2hvcnQ=", "allowed: 32 random bytes in base64 (openssl rand -base64 32)"),
        ("Store:Provider", "Oracle", "allowed values are Sqlite, Postgres"),
        ("Store:ConnectionString", "d365-xero.db", "allowed: a connection string of key=value pairs separated by ';'"),
        ("Logging:Console:FormatterName", "xml", "allowed values are Simple, Json, Systemd"),
        ("Logging:LogLevel:Default", "Loud", "allowed values are Trace, Debug, Information, Warning, Error, Critical, None"),
        ("Instance:Id", " ", Text),
        ("Instance:LeaseDuration", "00:00:01", "allowed: a duration such as 00:00:30 from 00:00:03 to 00:10:00"),
        ("Webhook:Secret", " ", NotBlank),
        ("Webhook:PublicUrl", "/webhooks/dataverse", Url),
        ("Webhook:MaxBodyBytes", "0", "allowed: a whole number from 1 to 2147483647"),
        ("Webhook:MaxConcurrentPosts", "-1", "allowed: a whole number from 1 to 2147483647"),
        ("Webhook:MaxQueuedPosts", "many", "allowed: a whole number from 0 to 2147483647"),
        ("Urls", "localhost:5570", "allowed: http:// or https:// addresses separated by ';', such as http://127.0.0.1:5570"),
        ("StatusPage:Key", " ", NotBlank),
        ("Sync:Poll", "sometimes", "allowed values are true, false"),
    ];
}
