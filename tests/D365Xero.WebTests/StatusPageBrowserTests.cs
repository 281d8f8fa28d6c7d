using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace D365Xero.WebTests;

/// <summary>
/// The status page as a person uses it, in headless Chromium: a refused account shows with its
/// reason, its cause is fixed in Dynamics, Retry sends it, and the page shows it synced.
/// </summary>
public sealed class StatusPageBrowserTests(ITestOutputHelper output)
{
    /// <summary>Debian's chromium (scripts/browser.sh installs it); Playwright's own browsers are never downloaded.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private const string ScriptName = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Beta & Co";

    [Fact(Timeout = 180_000)]
    public async Task A_refused_account_shows_with_its_reason_and_Retry_syncs_it_once_the_cause_is_fixed()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/browser.sh (installs Debian's chromium).");
        await using var host = await StatusPageHost.StartAsync();

        // Two accounts with one account number: the first reaches Xero, Xero refuses the second.
        var first = await host.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Northwind Traders", ["accountnumber"] = "ACC-100" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        SetDefaultExpectTimeout(30_000);
        var scripts = new List<string>();
        page.Console += (_, m) => scripts.Add($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => scripts.Add($"page error: {e}");

        try
        {
            await page.GotoAsync(host.Url + "?key=" + StatusPageHost.Key);
            var connection = page.Locator("section.connection").First;
            var accounts = connection.Locator("table.tables tr[data-table=account]");
            await Expect(connection.Locator("h2 .state")).ToHaveTextAsync("running");
            await Expect(connection.Locator("[data-holder-id]")).ToHaveTextAsync(StatusPageHost.InstanceId);
            await Expect(accounts.Locator("[data-col=synced]")).ToHaveTextAsync("1");
            await Expect(accounts.Locator("[data-col=failed]")).ToHaveTextAsync("0");
            await Expect(connection.Locator(".no-failures")).ToBeVisibleAsync();
            await Expect(connection.Locator("[data-budget-day]")).ToHaveTextAsync(new Regex(@"^\d[\d,]*$"));
            await Expect(connection.Locator("table.recent tbody tr").First).ToContainTextAsync("ms");

            var second = await host.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = ScriptName, ["accountnumber"] = "ACC-100" });

            var failure = connection.Locator($"tr.failure[data-id='{second}']");
            await Expect(accounts.Locator("[data-col=failed]")).ToHaveTextAsync("1");
            await Expect(failure.Locator(".reason")).ToContainTextAsync("Account Number already exists");
            // The name is Dynamics data: shown as typed, never run or parsed.
            await Expect(failure.Locator(".name")).ToHaveTextAsync(ScriptName);
            Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "Markup in a name ran.");
            await Expect(failure.Locator("a.dynamics-link")).ToHaveAttributeAsync("href",
                $"{host.DynamicsUrl}/main.aspx?etn=account&id={second}&pagetype=entityrecord");
            await Expect(failure).ToContainTextAsync("not in Xero");
            await Expect(connection.Locator("button.retry-all")).ToBeVisibleAsync();
            await KeepScreenshotAsync(page, "failed");

            // The fix is in Dynamics, on the other account: it goes to Xero by itself; the refused one waits for Retry.
            await host.Dynamics.UpdateAsync("accounts", first, new JsonObject { ["accountnumber"] = "ACC-101" });
            await WaitForAsync(async () => (await host.Xero.ContactsAsync()).Any(c => c["AccountNumber"]?.GetValue<string>() == "ACC-101"),
                "the first account's new number to reach Xero");
            await Expect(accounts.Locator("[data-col=failed]")).ToHaveTextAsync("1");

            await failure.Locator("button.retry").ClickAsync();

            await Expect(accounts.Locator("[data-col=failed]")).ToHaveTextAsync("0");
            await Expect(accounts.Locator("[data-col=synced]")).ToHaveTextAsync("2");
            await Expect(connection.Locator(".no-failures")).ToBeVisibleAsync();
            await Expect(page.Locator("#error")).ToHaveTextAsync("");
            Assert.Contains(await host.Xero.ContactsAsync(), c => c["AccountNumber"]?.GetValue<string>() == "ACC-100");
            Assert.DoesNotContain(scripts, s => s.StartsWith("page error", StringComparison.Ordinal));

            await KeepScreenshotAsync(page, "synced");
        }
        catch
        {
            await ScreenshotAsync(page);
            foreach (var line in scripts) output.WriteLine(line);
            throw;
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_paused_connection_shows_PAUSED_and_its_reason_in_a_red_banner()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/browser.sh (installs Debian's chromium).");
        await using var host = await StatusPageHost.StartAsync(provision: false);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        SetDefaultExpectTimeout(30_000);
        try
        {
            await page.GotoAsync(host.Url + "?key=" + StatusPageHost.Key);
            var connection = page.Locator("section.connection").First;
            await Expect(connection.Locator("h2 .state")).ToHaveTextAsync("PAUSED");
            var banner = connection.Locator(".banner");
            await Expect(banner).ToContainTextAsync("Run `d365-xero provision`");
            Assert.Equal("rgb(180, 35, 24)", await banner.EvaluateAsync<string>("b => getComputedStyle(b).borderLeftColor"));
        }
        catch
        {
            await ScreenshotAsync(page);
            throw;
        }
    }

    /// <summary>With STATUS_PAGE_SCREENSHOTS=dir, keeps pictures of the page along the way (to look at it, not to test it).</summary>
    private static async Task KeepScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STATUS_PAGE_SCREENSHOTS") is not { Length: > 0 } dir) return;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"status-page-{name}.png"), FullPage = true });
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs, Timeout = 60_000,
    });

    private async Task ScreenshotAsync(IPage page)
    {
        var path = Path.Combine(Path.GetTempPath(), $"d365xero-status-page-{Guid.NewGuid():N}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
            output.WriteLine($"Screenshot of the page when the test failed: {path}");
        }
        catch (Exception e)
        {
            output.WriteLine($"No screenshot: {e.Message}");
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 30 s for {what}.");
            await Task.Delay(200);
        }
    }
}
