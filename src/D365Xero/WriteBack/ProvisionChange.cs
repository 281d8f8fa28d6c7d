namespace D365Xero.WriteBack;

/// <summary>One thing `provision` adds, changes or removes (or, in a dry run, would), said the way the command prints it.</summary>
/// <param name="Verb">What is done, in the present tense: create, add, update, remove or delete.</param>
public sealed record ProvisionChange(string Verb, string What)
{
    public string Planned => $"would {Verb} {What}";

    public string Done => $"{Verb switch { "add" => "added", "create" => "created", "update" => "updated", "remove" => "removed", "delete" => "deleted", _ => Verb }} {What}";
}
