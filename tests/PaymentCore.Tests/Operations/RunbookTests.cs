using System.Text.RegularExpressions;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Operations;

/// <summary>Whoever is paged finds what the alert means and what to do: one runbook section per alert, linked from it.</summary>
public sealed partial class RunbookTests
{
    [Fact]
    public void EveryAlert_HasARunbookSection_AndLinksToIt()
    {
        var sections = Headings().Matches(File.ReadAllText(RepositoryPaths.Of(OpsFiles.Runbook)))
            .Select(m => m.Groups["title"].Value.Trim())
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(OpsFiles.Alerts(), alert =>
        {
            Assert.True(sections.Contains(alert.Name), $"{OpsFiles.Runbook} has no section '## {alert.Name}'");
            // GitHub's anchor of a heading that is one word: the word in lower case.
            Assert.Equal($"{OpsFiles.Runbook}#{alert.Name.ToLowerInvariant()}", alert.Annotations.GetValueOrDefault("runbook_url"));
        });
    }

    [GeneratedRegex("^## (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Headings();
}
