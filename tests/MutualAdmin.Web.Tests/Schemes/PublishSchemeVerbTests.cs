using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Schemes;

/// <summary>`publish-scheme &lt;file&gt;` takes the fund API's document and publishes through the same decision.</summary>
[Collection(VerbTest.Collection)]
public sealed class PublishSchemeVerbTests(TestCluster cluster) : VerbTest(cluster)
{
    [Fact]
    public async Task S_1_the_verb_publishes_once_and_refuses_an_invalid_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, SchemeDocuments.Valid("FROM-FILE").ToJsonString());
            Assert.Equal(0, await Run("publish-scheme", file));
            Assert.Equal(0, await Run("publish-scheme", file)); // the same document again: no new version
            await File.WriteAllTextAsync(file, SchemeDocuments.Valid("FROM-FILE", "2027-01-01").With(d => d["adminFeePercent"] = 120).ToJsonString());
            Assert.Equal(1, await Run("publish-scheme", file));

            var list = (await (await FundClient()).GetFromJsonAsync<JsonArray>("/fund/v1/schemes"))!;
            Assert.Single(list.Single(s => (string?)s!["code"] == "FROM-FILE")!["versions"]!.AsArray());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
