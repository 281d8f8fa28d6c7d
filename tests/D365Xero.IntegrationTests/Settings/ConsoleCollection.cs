namespace D365Xero.IntegrationTests.Settings;

/// <summary>Tests that swap <see cref="Console.Out"/> and <see cref="Console.Error"/>: run alone, so no other test's output lands in theirs.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
