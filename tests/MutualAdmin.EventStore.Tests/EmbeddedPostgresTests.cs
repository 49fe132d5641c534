using MutualAdmin.EventStore.Embedded;

namespace MutualAdmin.EventStore.Tests;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public void Without_binaries_the_error_says_what_to_install()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Find(["/nowhere"], []));
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("ConnectionStrings__MutualAdmin", error.Message);
        Assert.Equal(path, Environment.GetEnvironmentVariable("PATH"));
    }

    [Fact]
    public void Binaries_are_found_on_this_machine()
    {
        var bin = PostgresBinaries.Find();
        Assert.True(File.Exists(Path.Combine(bin, "initdb")));
    }
}
