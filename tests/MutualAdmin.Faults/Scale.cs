namespace MutualAdmin.Faults;

/// <summary>
/// How long the cases load the platform: the short version (CI) by default, the full one with
/// MUTUALADMIN_FAULTS=full (README, "Faults").
/// </summary>
public static class Scale
{
    public static bool Full => Environment.GetEnvironmentVariable("MUTUALADMIN_FAULTS") == "full";

    public static TimeSpan Seconds(int @short, int full) => TimeSpan.FromSeconds(Full ? full : @short);

    public const int Clients = 16;
}
