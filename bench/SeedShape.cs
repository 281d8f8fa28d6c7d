namespace D365Xero.Bench;

/// <summary>
/// What the Dataverse emulator's seed makes of N accounts (src/D365Xero.Emulators.Dataverse/Seed/DemoSeeder.cs):
/// 0–5 contacts each (2.5 on average) plus max(3, N/100) without an account, max(12, N/5) products, N/2 orders
/// of 1–4 lines (2.5 on average). The seed takes only N, so these ratios are fixed.
/// </summary>
public static class SeedShape
{
    public static (int Products, int Orders) Of(int accounts) => (Math.Max(12, accounts / 5), accounts == 30 ? 20 : accounts / 2);
}
