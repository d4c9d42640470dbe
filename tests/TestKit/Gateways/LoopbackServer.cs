using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PaymentCore.Adapters.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, standing in for a gateway's API.
/// It records every request exactly as it arrived and answers with whatever the handler says.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LoopbackServer> StartAsync(Func<RecordedRequest, Task<Reply>> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            var recorded = await RecordedRequest.ReadAsync(context.Request);
            server!._requests.Enqueue(recorded);
            var reply = await handle(recorded);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            context.Response.StatusCode = reply.Status;
            if (reply.Json is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(reply.Json, context.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        server = new LoopbackServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    /// <summary>An address where nothing listens: connecting is refused at once.</summary>
    public static Uri RefusingAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The query string without its leading '?'; empty when there is none.</summary>
    public string Query { get; init; } = string.Empty;

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>The body as <c>application/x-www-form-urlencoded</c> fields.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(BodyText).ToDictionary(p => p.Key, p => p.Value.ToString());

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static async Task<RecordedRequest> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(request.Method, request.Path.Value ?? "/", headers, body.ToArray())
        {
            Query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
        };
    }
}

/// <summary>What the server answers; a delay longer than the client's timeout makes a timeout.</summary>
public sealed record Reply(int Status, string? Json = null, TimeSpan Delay = default);
