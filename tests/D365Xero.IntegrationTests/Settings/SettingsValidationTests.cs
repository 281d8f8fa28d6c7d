using System.Text.RegularExpressions;
using D365Xero.Configuration;
using Microsoft.Extensions.Configuration;

namespace D365Xero.IntegrationTests.Settings;

/// <summary>
/// Every documented key given a wrong value: the verb stops before it does anything (no store opened, no
/// service called), with one line naming the key, the value and what is allowed, and exit code 2.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed partial class SettingsValidationTests
{
    /// <summary>The verbs taken in turn, so each refuses a wrong setting the same way.</summary>
    private static readonly string[][] Verbs =
    [
        ["check"], ["sync", "--once"], ["backfill"], ["backfill", "--dry-run"], ["status"], ["retry"],
        ["provision"], ["register-webhooks"], ["connect"], ["serve"], ["sync"],
    ];

    public static TheoryData<string, string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var (key, value, allowed) in BadSettings.PerConnection)
        {
            data.Add(Verb(data.Count), "", key, value, allowed);
            data.Add(Verb(data.Count), "Connections:0:", key, value, allowed);
        }
        foreach (var (key, value, allowed) in BadSettings.Global) data.Add(Verb(data.Count), "", key, value, allowed);
        return data;
    }

    private static string Verb(int i) => string.Join(' ', Verbs[i % Verbs.Length]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_wrong_value_stops_the_verb_with_one_line_and_exit_code_2(string verb, string prefix, string key, string value, string allowed)
    {
        var folder = Path.GetTempPath();
        var settings = CliRun.Valid(prefix, folder);
        if (prefix.Length > 0) settings[prefix + "Name"] = "first";
        settings[prefix + key] = value;
        var (exit, output, error) = await CliRun.RunAsync(settings, verb.Split(' '));

        Assert.Equal($"d365-xero: invalid setting {prefix}{key} = '{value}': {allowed}.{Environment.NewLine}", error);
        Assert.Equal("", output);
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Every_key_in_the_readme_table_and_every_Sync_key_has_a_wrong_value_tried()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("| key (environment form) |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var documented = table.Split('\n').Skip(2)
            .SelectMany(row => DocumentedKey().Matches(row.Split('|')[1]).Select(m => m.Groups["key"].Value.Replace("__", ":")))
            .Concat(SettingRules.Settable(typeof(SyncOptions)).Select(p => $"Sync:{p.Name}"))
            .Distinct().ToList();
        var tried = BadSettings.PerConnection.Concat(BadSettings.Global).Select(b => b.Key).ToHashSet();

        Assert.True(documented.Count > 30, "the README's configuration table was not found");
        var untried = documented.Where(k => !tried.Contains(k)).ToList();
        Assert.True(untried.Count == 0, "no wrong value tried for: " + string.Join(", ", untried));
    }

    [Fact]
    public async Task Choice_values_keep_their_spellings_in_any_case_but_not_as_numbers()
    {
        var settings = CliRun.Valid("", Path.GetTempPath());
        settings["Sync:AuthoriseWhen"] = "fulfilled";
        settings["Sync:LineAmountTypes"] = "NOTAX";
        settings["Store:Provider"] = "sqlite";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();

        var connection = Assert.Single(ConnectionSettings.Load(configuration));
        Assert.Equal(AuthoriseWhen.Fulfilled, connection.Sync.AuthoriseWhen);
        Assert.Equal(LineAmountTypes.NoTax, connection.Sync.LineAmountTypes);

        settings["Sync:AuthoriseWhen"] = "1";
        var (exit, _, error) = await CliRun.RunAsync(settings, "status");
        Assert.Equal(2, exit);
        Assert.StartsWith("d365-xero: invalid setting Sync:AuthoriseWhen = '1': allowed values are Never, Fulfilled, Invoiced.", error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "d365-xero.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("No d365-xero.slnx above " + AppContext.BaseDirectory);
    }

    // `Section__Key` or the top-level `Urls` in the table's first column.
    [GeneratedRegex(@"`(?<key>[A-Z][A-Za-z]*(?:__[A-Za-z]+)*)`")]
    private static partial Regex DocumentedKey();
}
