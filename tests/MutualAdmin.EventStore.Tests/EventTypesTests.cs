using MutualAdmin.EventStore.Events;

namespace MutualAdmin.EventStore.Tests;

/// <summary>The registry of aliases as the platform's modules fill it: a module's whole list at once.</summary>
public sealed class EventTypesTests
{
    private static readonly Dictionary<Type, string> Module = new()
    {
        [typeof(AccountOpened)] = "account-opened",
        [typeof(Deposited)] = "deposited",
    };

    [Fact]
    public void A_module_registers_all_its_events_and_may_be_registered_twice()
    {
        var types = new EventTypes().RegisterAll(Module, TestJson.Default.GetTypeInfo).RegisterAll(Module, TestJson.Default.GetTypeInfo);

        Assert.True(types.IsRegistered(typeof(AccountOpened)));
        Assert.True(types.IsRegistered(typeof(Deposited)));
        Assert.False(types.IsRegistered(typeof(Withdrawn)));
    }

    [Fact]
    public void Metadata_of_another_type_is_refused_before_anything_is_registered_under_it()
    {
        var types = new EventTypes();

        var refused = Assert.Throws<ArgumentException>(() => types.RegisterAll(Module, _ => TestJson.Default.Withdrawn));

        Assert.Contains("AccountOpened", refused.Message);
        Assert.False(types.IsRegistered(typeof(AccountOpened)));
    }
}
