namespace D365Xero.Source.Dataverse;

/// <summary>A main form of a table as Dataverse holds it: its id, name, whether it is the default, and its FormXml.</summary>
public sealed record MainForm(Guid Id, string Name, bool IsDefault, string FormXml);
