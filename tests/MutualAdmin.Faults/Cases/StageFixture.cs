using MutualAdmin.Faults.Platform;
using Xunit;

namespace MutualAdmin.Faults.Cases;

/// <summary>One platform for the cases that share it: seeding and starting one costs about 20 s on two cores.</summary>
public sealed class StageFixture : IAsyncLifetime
{
    public Stage Stage { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Stage = await Stage.Start();

    public async ValueTask DisposeAsync() => await Stage.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedPlatform : ICollectionFixture<StageFixture>
{
    public const string Name = "shared platform";
}
