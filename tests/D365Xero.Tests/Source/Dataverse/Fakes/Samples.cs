namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>The real Dataverse bodies in <c>tests/fixtures/dataverse/</c> (each file's public source is in its
/// SOURCES.md), with the docs' <c>[Organization URI]</c> placeholder replaced by the fake organisation.</summary>
internal static class Samples
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(Folder.Value, fileName))
            .Replace("[Organization URI]", FakeDataverse.OrgUrl, StringComparison.Ordinal)
            .Replace("[Organization Uri]", FakeDataverse.OrgUrl, StringComparison.Ordinal);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "d365-xero.slnx")))
                return Path.Combine(dir.FullName, "tests", "fixtures", "dataverse");
        throw new DirectoryNotFoundException("No folder holding d365-xero.slnx above " + AppContext.BaseDirectory);
    }
}
