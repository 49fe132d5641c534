using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>
/// A real HTTP endpoint on a loopback port standing in for the Fund's receiver: it records every
/// request and answers with the status <see cref="Answer"/> picks for it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, int Answered);

    private readonly WebApplication app;
    public ConcurrentQueue<Received> Requests { get; } = new();
    public Func<Received, int> Answer { get; set; } = _ => 200;
    /// <summary>Sent as the Location header when set (a redirect the sender must not follow).</summary>
    public string? Location { get; set; }
    public string Url { get; private set; } = "";

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request, HttpResponse response) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var received = new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, 0);
            var status = Answer(received);
            Requests.Enqueue(received with { Answered = status });
            if (Location is not null) response.Headers.Location = Location;
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> Start()
    {
        var receiver = new WebhookReceiver();
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
