using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>domain.md A-1: who, which role, which tenant, which command and which correlation id reach the event.</summary>
public sealed class AuditMetadataTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_command_over_http_stamps_its_event_with_the_caller_and_the_correlation_id()
    {
        var fund = await FundClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/fund/v1/schemes") { Content = JsonContent.Create(SchemeDocuments.Valid("AUDIT-1")) };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        Assert.Equal(HttpStatusCode.Created, (await fund.SendAsync(request)).StatusCode);

        var recorded = Assert.Single(await Service<EventStore.EventStore>().ReaderFor(SchemeStreams.Tenant).ReadStream(SchemeStreams.Of("AUDIT-1")));
        var metadata = recorded.Metadata;
        Assert.Equal(("fund", "0af7651916cd43dd8448eb211c80319c", "publish-scheme-version", "fund"),
            (metadata.Tenant, metadata.CorrelationId, metadata.Command, metadata.Role));
        Assert.StartsWith("fund-", metadata.ClientId);
        Assert.Null(metadata.UserId);
    }
}
