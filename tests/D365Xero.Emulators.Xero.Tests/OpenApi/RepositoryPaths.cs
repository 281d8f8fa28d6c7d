namespace D365Xero.Emulators.Xero.Tests.OpenApi;

/// <summary>Where the repository and Xero's OpenAPI description (tests/fixtures/xero-openapi) are, found by walking up to d365-xero.slnx.</summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "d365-xero.slnx"))) return dir.FullName;
        throw new InvalidOperationException("d365-xero.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string XeroSpec() => Path.Combine(Root(), "tests", "fixtures", "xero-openapi", "xero_accounting.yaml");

    public static string PrismBin() => Path.Combine(Root(), "tools", "prism", "node_modules", ".bin", "prism");
}
