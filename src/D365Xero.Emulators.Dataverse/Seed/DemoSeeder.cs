namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Seeds the organisation's system rows (always) and, for Seed "demo" or a number N, a small company generated
/// deterministically (fixed Random seed, GUIDs derived from table and index), including the awkward cases the
/// connector must survive: duplicate names, punctuation, an inactive account, a retired product, write-in lines.
/// </summary>
internal sealed class DemoSeeder(EmulatorContext ctx)
{
    private const int DemoAccounts = 30;
    private static readonly string[] Companies =
    [
        "Adventure Works", "Alpine Ski House", "Blue Yonder Airlines", "City Power & Light", "Coho Winery", "Fourth Coffee",
        "Graphic Design Institute", "Humongous Insurance", "Litware", "Lucerne Publishing", "Margie's Travel", "Proseware",
        "Southridge Video", "Tailspin Toys", "Trey Research", "Wide World Importers", "Wingtip Toys", "Woodgrove Bank",
        "VanArsdel", "Relecloud", "A. Datum Corporation", "Bellows College", "Best For You Organics", "Consolidated Messenger",
        "Nod Publishers", "First Up Consultants",
    ];
    private static readonly string[] Suffixes = ["", " Ltd", " Group", " LLC", " Partners"];
    private static readonly string[] FirstNames = ["Yvonne", "Susanna", "Nancy", "Maria", "Sidney", "Scott", "Robert", "Paul", "Rene", "Jim", "Thomas", "Patrick", "Aoife", "Keiko", "Diego", "Priya", "Olu", "Sven"];
    private static readonly string[] LastNames = ["McKay", "Stubberod", "Anderson", "Campbell", "Higa", "Konersmann", "Lyon", "Cannon", "Valdes", "Glynn", "Andersen", "O'Neill", "Tanaka", "Garcia", "Patel", "Adeyemi", "Larsen"];
    private static readonly string[] Cities = ["Seattle", "Redmond", "London", "Dublin", "Auckland", "Sydney", "Toronto", "Berlin"];
    private static readonly string[] ProductNames = ["Road Bike", "Touring Bike", "Helmet", "Water Bottle", "Bike Lock", "Tyre", "Inner Tube", "Saddle", "Pedals", "Gloves", "Jersey", "Pump", "Chain", "Brake Pads", "Lights"];

    public void Seed(string? seed)
    {
        var store = ctx.Store;
        var writer = new SeedWriter(store);
        var yearAgo = store.Now.AddDays(-365);
        var usd = writer.Insert("transactioncurrency", DeterministicGuid.For("transactioncurrency", 1), yearAgo,
            ("isocurrencycode", "USD"), ("currencyname", "US Dollar"), ("currencysymbol", "$"), ("exchangerate", 1.0m), ("currencyprecision", 2));
        writer.Insert("organization", ctx.OrganizationId, yearAgo,
            ("name", ctx.OrganizationName), ("expirechangetrackingindays", ctx.Options.ExpireChangeTrackingInDays),
            ("basecurrencyid", new EntityRef("transactioncurrency", usd.Id)));
        // The default publisher has prefix "new" (docs/dataverse-rules.md#d-publisher-prefix; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/publisher).
        var publisher = writer.Insert("publisher", DeterministicGuid.For("publisher", 1), yearAgo,
            ("uniquename", "DefaultPublishersandbox"), ("friendlyname", "Default Publisher for sandbox"), ("customizationprefix", "new"), ("customizationoptionvalueprefix", 10000));
        writer.Insert("solution", DeterministicGuid.For("solution", 1), yearAgo,
            ("uniquename", "Default"), ("friendlyname", "Default Solution"), ("version", "1.0"), ("ismanaged", false), ("publisherid", new EntityRef("publisher", publisher.Id)));
        var messageIndex = 0;
        foreach (var message in new[] { "Create", "Update", "Delete" })
        {
            var sdkMessage = writer.Insert("sdkmessage", DeterministicGuid.For("sdkmessage", ++messageIndex), yearAgo, ("name", message));
            var filterIndex = 0;
            foreach (var table in SchemaCatalog.BusinessTables)
            {
                writer.Insert("sdkmessagefilter", DeterministicGuid.For("sdkmessagefilter:" + message, ++filterIndex), yearAgo,
                    ("name", $"{message} {table}"), ("sdkmessageid", new EntityRef("sdkmessage", sdkMessage.Id)),
                    ("primaryobjecttypecode", table), ("secondaryobjecttypecode", "none"), ("iscustomprocessingstepallowed", true));
            }
        }
        CustomizationSeeder.Seed(writer, yearAgo);
        if (seed is null) return;
        var eur = writer.Insert("transactioncurrency", DeterministicGuid.For("transactioncurrency", 2), yearAgo,
            ("isocurrencycode", "EUR"), ("currencyname", "Euro"), ("currencysymbol", "€"), ("exchangerate", 0.92m), ("currencyprecision", 2));
        var generator = new CompanyGenerator(writer, store.Now, usd.Id, eur.Id);
        if (AccountsOnly(seed) is { } only)
        {
            generator.AccountsOnly(only.Accounts, only.ContactsEach);
            return;
        }
        var accounts = seed.Equals("demo", StringComparison.OrdinalIgnoreCase) ? DemoAccounts
            : int.TryParse(seed, out var n) && n >= 0 ? n
            : throw new ArgumentException($"Seed must be null, \"demo\", a number of accounts or \"accounts:N:contacts:K\", not '{seed}'.");
        generator.Generate(accounts);
    }

    /// <summary>"accounts:N:contacts:K": N accounts with exactly K contacts each, and nothing else (the bench's compare scenario).</summary>
    private static (int Accounts, int ContactsEach)? AccountsOnly(string seed)
    {
        var parts = seed.Split(':');
        return parts is ["accounts", var n, "contacts", var k] && int.TryParse(n, out var accounts) && int.TryParse(k, out var each) && accounts >= 0 && each >= 0
            ? (accounts, each)
            : null;
    }

    /// <summary>Generates accounts, contacts, products and orders for one seed size.</summary>
    private sealed class CompanyGenerator(SeedWriter writer, DateTimeOffset now, Guid usd, Guid eur)
    {
        private readonly Random _random = new(20240601);

        /// <summary>Accounts named and filled as <see cref="Generate"/> names them, each with exactly <paramref name="contactsEach"/> contacts (the first its primary); no products, no orders.</summary>
        public void AccountsOnly(int accountCount, int contactsEach)
        {
            var step = TimeSpan.FromDays(365) / (accountCount + 1);
            var at = now.AddDays(-365);
            var contactIndex = 0;
            for (var i = 0; i < accountCount; i++)
            {
                at += step;
                var id = DeterministicGuid.For("account", i);
                var account = Account(i, id, at, inactive: false);
                for (var c = 0; c < contactsEach; c++)
                {
                    var contactId = DeterministicGuid.For("contact", contactIndex++);
                    Contact(contactId, at, new EntityRef("account", id));
                    if (c == 0) account[writer.SchemaColumn("account", "primarycontactid")] = new EntityRef("contact", contactId);
                }
            }
        }

        public void Generate(int accountCount)
        {
            var products = Math.Max(12, accountCount / 5);
            var orders = accountCount == DemoAccounts ? 20 : accountCount / 2;
            var totalRows = accountCount + products + orders + 1;
            var step = TimeSpan.FromDays(365) / totalRows;
            var created = now.AddDays(-365);
            DateTimeOffset Next() => created += step;

            var accountIds = new Guid[accountCount];
            var contactIds = new List<Guid>();
            var contactIndex = 0;
            for (var i = 0; i < accountCount; i++)
            {
                var at = Next();
                var id = accountIds[i] = DeterministicGuid.For("account", i);
                var account = Account(i, id, at, inactive: i == 5);
                // 0–5 contacts (about 2.5 on average); account 6 has seven.
                var contacts = i == 6 ? 7 : _random.Next(0, 6);
                Guid? primary = null;
                for (var c = 0; c < contacts; c++)
                {
                    var contactId = DeterministicGuid.For("contact", contactIndex++);
                    Contact(contactId, at, new EntityRef("account", id));
                    contactIds.Add(contactId);
                    primary ??= contactId;
                }
                if (primary is { } p && i % 10 != 9)
                {
                    account[writer.SchemaColumn("account", "primarycontactid")] = new EntityRef("contact", p);
                }
            }
            // A few contacts with no parent account.
            for (var i = 0; i < Math.Max(3, accountCount / 100); i++)
            {
                var contactId = DeterministicGuid.For("contact", contactIndex++);
                Contact(contactId, Next(), null);
                contactIds.Add(contactId);
            }

            var productIds = new Guid[products];
            var prices = new decimal[products];
            for (var i = 0; i < products; i++)
            {
                var id = productIds[i] = DeterministicGuid.For("product", i);
                var first = i == 0;
                var retired = i == 11;
                prices[i] = first ? 499.00m : Math.Round((decimal)(_random.NextDouble() * 200 + 5), 2);
                writer.Insert("product", id, Next(),
                    ("productnumber", first ? "BIKE-0001" : $"PRD-{i + 1:D4}"),
                    ("name", first ? "Mountain Bike" : ProductNames[i % ProductNames.Length] + (i >= ProductNames.Length ? $" {i / ProductNames.Length + 1}" : "")),
                    ("description", first ? "Full-suspension mountain bike" : null), ("price", prices[i]),
                    ("productstructure", 1), ("producttypecode", 1), ("quantitydecimal", 0),
                    ("transactioncurrencyid", new EntityRef("transactioncurrency", usd)),
                    ("statecode", retired ? 1 : 0), ("statuscode", retired ? 2 : 1));
            }

            var lineIndex = 0;
            for (var i = 0; i < orders; i++)
            {
                var id = DeterministicGuid.For("salesorder", i);
                var at = Next();
                var forContact = contactIds.Count > 0 && i % 7 == 3;
                var customer = forContact
                    ? new EntityRef("contact", contactIds[_random.Next(contactIds.Count)])
                    : new EntityRef("account", accountIds[accountCount == 0 ? 0 : _random.Next(accountCount)]);
                if (accountCount == 0 && !forContact) continue;
                var currency = i % 9 == 4 ? eur : usd;
                var order = writer.Insert("salesorder", id, at,
                    ("ordernumber", $"ORD-{i + 1:D5}"), ("name", $"Order {i + 1}"), ("customerid", customer),
                    ("transactioncurrencyid", new EntityRef("transactioncurrency", currency)),
                    ("discountamount", i % 6 == 2 ? 25m : null), ("freightamount", i % 5 == 1 ? 15m : null),
                    ("paymenttermscode", 1), ("statecode", 0), ("statuscode", 1));
                var lines = new List<Row>();
                var lineCount = _random.Next(1, 5);
                for (var l = 0; l < lineCount; l++)
                {
                    var writeIn = (i + l) % 7 == 5;
                    var product = _random.Next(products);
                    lines.Add(writer.Insert("salesorderdetail", DeterministicGuid.For("salesorderdetail", lineIndex++), at,
                        ("salesorderid", new EntityRef("salesorder", id)),
                        ("productid", writeIn ? null : new EntityRef("product", productIds[product])),
                        ("isproductoverridden", writeIn), ("productdescription", writeIn ? "Custom fitting service" : null),
                        ("quantity", (decimal)_random.Next(1, 6)), ("priceperunit", writeIn ? 80m : prices[product]),
                        ("manualdiscountamount", l == 1 && i % 4 == 0 ? 10m : null), ("tax", null),
                        ("lineitemnumber", l + 1), ("sequencenumber", l + 1),
                        ("transactioncurrencyid", new EntityRef("transactioncurrency", currency))));
                }
                Calculations.OrderTotals(writer.Schema, order, lines);
            }
        }

        private Row Account(int i, Guid id, DateTimeOffset at, bool inactive)
        {
            var (name, number) = AccountName(i);
            var city = Cities[i % Cities.Length];
            return writer.Insert("account", id, at,
                ("name", name), ("accountnumber", number), ("emailaddress1", $"info@{Domain(name)}"), ("telephone1", $"+1 555 {1000 + i % 9000:D4}"),
                ("websiteurl", $"https://www.{Domain(name)}"), ("address1_line1", $"{100 + i} Main Street"), ("address1_city", city),
                ("address1_postalcode", $"{10000 + i % 89999}"), ("address1_country", city is "London" ? "United Kingdom" : city is "Dublin" ? "Ireland" : "United States"),
                ("paymenttermscode", 1 + i % 4), ("transactioncurrencyid", new EntityRef("transactioncurrency", usd)),
                ("statecode", inactive ? 1 : 0), ("statuscode", inactive ? 2 : 1));
        }

        private void Contact(Guid id, DateTimeOffset at, EntityRef? parent)
        {
            var first = FirstNames[_random.Next(FirstNames.Length)];
            var last = LastNames[_random.Next(LastNames.Length)];
            writer.Insert("contact", id, at,
                ("firstname", first), ("lastname", last), ("emailaddress1", $"{first}.{last}@example.com".ToLowerInvariant().Replace("'", "")),
                ("telephone1", $"+1 555 {_random.Next(1000, 9999)}"), ("mobilephone", $"+1 555 {_random.Next(1000, 9999)}"), ("parentcustomerid", parent));
        }

        /// <summary>Names with the required awkward cases first; later names get a number so they stay distinct.</summary>
        private static (string Name, string Number) AccountName(int i) => i switch
        {
            0 or 1 => ("Northwind Traders", $"ACC-{i + 1:D5}"),
            2 => ("Fabrikam, Inc.", "ACC-00003"),
            3 => ("Contoso Pharmaceuticals", "CONT-0002"),
            4 => ("O'Brien & Sons", "ACC-00005"),
            _ => (Companies[(i - 5) % Companies.Length] + Suffixes[(i - 5) / Companies.Length % Suffixes.Length]
                  + (i - 5 >= Companies.Length * Suffixes.Length ? $" {i}" : ""), $"ACC-{i + 1:D5}"),
        };

        private static string Domain(string name) =>
            new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray()) + ".example.com";
    }
}
