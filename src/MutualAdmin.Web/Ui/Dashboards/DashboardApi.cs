namespace MutualAdmin.Web.Ui.Dashboards;

public static class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services;
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) => app;
}
