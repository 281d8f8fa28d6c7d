namespace D365Xero.Emulators.Dataverse;

/// <summary>A parsed $filter expression. Property values come from a resolver so rows and metadata share it.</summary>
internal abstract record FilterNode
{
    public abstract bool Matches(Func<string, object?> resolve);

    /// <summary>Every property path named in the expression, for validation before evaluation.</summary>
    public abstract IEnumerable<string> Paths();
}

internal sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override bool Matches(Func<string, object?> resolve) => Left.Matches(resolve) && Right.Matches(resolve);
    public override IEnumerable<string> Paths() => Left.Paths().Concat(Right.Paths());
}

internal sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override bool Matches(Func<string, object?> resolve) => Left.Matches(resolve) || Right.Matches(resolve);
    public override IEnumerable<string> Paths() => Left.Paths().Concat(Right.Paths());
}

internal sealed record NotNode(FilterNode Inner) : FilterNode
{
    public override bool Matches(Func<string, object?> resolve) => !Inner.Matches(resolve);
    public override IEnumerable<string> Paths() => Inner.Paths();
}

internal sealed record ComparisonNode(string Path, string Operator, object? Literal) : FilterNode
{
    public override bool Matches(Func<string, object?> resolve)
    {
        var value = resolve(Path);
        if (Literal is null || value is null)
        {
            var bothNull = Literal is null && value is null;
            return Operator switch { "eq" => bothNull, "ne" => !bothNull, _ => false };
        }
        var order = FilterValues.Compare(value, Literal);
        return Operator switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            "le" => order <= 0,
            _ => false,
        };
    }

    public override IEnumerable<string> Paths() => [Path];
}

internal sealed record FunctionNode(string Function, string Path, string Argument) : FilterNode
{
    public override bool Matches(Func<string, object?> resolve)
    {
        if (resolve(Path) is not string value) return false;
        return Function switch
        {
            "contains" => value.Contains(Argument, StringComparison.OrdinalIgnoreCase),
            "startswith" => value.StartsWith(Argument, StringComparison.OrdinalIgnoreCase),
            "endswith" => value.EndsWith(Argument, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public override IEnumerable<string> Paths() => [Path];
}
