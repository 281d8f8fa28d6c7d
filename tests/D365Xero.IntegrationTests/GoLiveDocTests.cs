using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using D365Xero.Cli;
using D365Xero.Configuration;
using D365Xero.Source.Dataverse;
using D365Xero.Target.Xero;

namespace D365Xero.IntegrationTests;

/// <summary>
/// docs/go-live.md names only what exists: every `d365-xero VERB --option` in its code against the
/// program's own command tree, and every configuration key (<c>Section__Key</c>) against the options classes.
/// </summary>
public sealed partial class GoLiveDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "go-live.md"));

    /// <summary>Keys read outside the options classes: ASP.NET's and .NET logging's own, and the serve settings.</summary>
    private static readonly HashSet<string> OtherKeys = new(StringComparer.Ordinal)
    {
        "Logging__Console__FormatterName", "Logging__LogLevel__Default", "StatusPage__Key", "Sync__Poll", "Webhook__Secret", "Webhook__PublicUrl",
    };

    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Dataverse"] = typeof(DataverseOptions),
        ["Xero"] = typeof(XeroOptions),
        ["Sync"] = typeof(SyncOptions),
        ["Store"] = typeof(StoreOptions),
        ["Webhook"] = typeof(WebhookOptions),
    };

    [Fact]
    public void Every_command_the_go_live_doc_names_is_a_verb_with_those_options()
    {
        var root = CliApp.Build();
        var missing = new List<string>();
        foreach (var code in CodeIn(Doc))
        {
            foreach (Match use in VerbUse().Matches(code))
            {
                var verb = use.Groups["verb"].Value;
                var command = root.Subcommands.FirstOrDefault(c => c.Name == verb);
                if (command is null)
                {
                    missing.Add($"verb '{verb}'");
                    continue;
                }
                foreach (Capture option in use.Groups["option"].Captures)
                {
                    var known = command.Options.Any(o => o.Name == option.Value || o.Aliases.Contains(option.Value))
                        || root.Options.Any(o => o.Recursive && o.Name == option.Value);
                    if (!known) missing.Add($"option '{verb} {option.Value}'");
                }
            }
        }
        Assert.True(missing.Count == 0, "docs/go-live.md names what the program lacks: " + string.Join(", ", missing.Distinct()));
    }

    [Fact]
    public void Every_configuration_key_the_go_live_doc_names_is_read_by_the_connector()
    {
        var unknown = ConfigurationKey().Matches(Doc).Select(m => m.Value).Distinct().Where(k => !IsKnown(k)).ToList();

        Assert.True(unknown.Count == 0, "docs/go-live.md names configuration keys nothing reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_doc_covers_every_step_of_going_live()
    {
        foreach (var verb in new[] { "connect", "check", "provision", "register-webhooks", "backfill --dry-run", "backfill", "serve" })
            Assert.Contains($"d365-xero {verb}", Doc);
    }

    [Fact]
    public void The_settings_the_doc_points_at_are_in_the_step_it_names()
    {
        var steps = Regex.Matches(Doc, @"^## (?<n>\d+)\. (?<title>.+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["n"].Value, m => m.Groups["title"].Value);
        var pointers = Regex.Matches(Doc, @"settings of step (?<n>\d+)").Select(m => m.Groups["n"].Value).ToList();
        Assert.NotEmpty(pointers);
        Assert.All(pointers, n => Assert.Equal("The configuration", steps.GetValueOrDefault(n)));
        Assert.All(Regex.Matches(Doc, @"\(step (?<n>\d+)\)").Select(m => m.Groups["n"].Value), n => Assert.True(steps.ContainsKey(n), $"step {n}"));
    }

    private static bool IsKnown(string key)
    {
        key = ManyConnections().Replace(key, "");
        if (key == "Name" || OtherKeys.Contains(key)) return true;
        var parts = key.Split("__");
        return parts.Length == 2 && Sections.TryGetValue(parts[0], out var type)
            && type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true };
    }

    /// <summary>Fenced blocks and inline code spans: where the doc shows commands.</summary>
    private static IEnumerable<string> CodeIn(string markdown)
    {
        foreach (Match block in FencedBlock().Matches(markdown)) yield return block.Groups["code"].Value;
        foreach (Match span in InlineCode().Matches(FencedBlock().Replace(markdown, ""))) yield return span.Groups["code"].Value;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "d365-xero.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("No d365-xero.slnx above " + AppContext.BaseDirectory);
    }

    // `d365-xero VERB [--option [value]]…`, where a verb is lower-case words joined by hyphens.
    [GeneratedRegex(@"(?<![\w.-])d365-xero (?<verb>[a-z]+(?:-[a-z]+)*)(?![\w.])(?:[ ]+(?:(?<option>--[a-z][a-z-]*)|(?!--)[^\s`|]+))*")]
    private static partial Regex VerbUse();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*(?:__[A-Za-z0-9]+)+\b")]
    private static partial Regex ConfigurationKey();

    [GeneratedRegex(@"^Connections__\d+__")]
    private static partial Regex ManyConnections();

    [GeneratedRegex(@"^```[a-z]*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`(?<code>[^`\n]+)`")]
    private static partial Regex InlineCode();
}
