using Microsoft.Extensions.DependencyInjection;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// Runs <paramref name="decorate"/> on the host's final service collection, after every feature
/// registered itself: the one moment a test can wrap a service the host registers last (the outbox).
/// </summary>
public sealed class DecoratingServiceProviderFactory(Action<IServiceCollection> decorate) : IServiceProviderFactory<IServiceCollection>
{
    private readonly DefaultServiceProviderFactory _default = new();

    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        decorate(services);
        return _default.CreateBuilder(services);
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => _default.CreateServiceProvider(containerBuilder);
}
