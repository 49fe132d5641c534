using MutualAdmin.Domain;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Affiliating;
using MutualAdmin.Web.Enrolment.Correcting;
using MutualAdmin.Web.Enrolment.Dependants;
using MutualAdmin.Web.Enrolment.Erasing;
using MutualAdmin.Web.Enrolment.Lifecycle;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Web.Enrolment.GettingMember;
using MutualAdmin.Web.Enrolment.Importing;
using MutualAdmin.Web.Enrolment.Privacy;
using MutualAdmin.Web.Enrolment.Registering;
using MutualAdmin.Web.Enrolment.Searching;
using MutualAdmin.Web.Idempotency;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Enrolment;

/// <summary>Enrolment (domain.md E-1 … E-10): every route of the feature, then its services.</summary>
public static class EnrolmentApi
{
    private static readonly string[] Officers = [StaffRole.EnrolmentOfficer, StaffRole.Manager];
    private static readonly string[] Readers = [StaffRole.EnrolmentOfficer, StaffRole.Manager, StaffRole.Cashier,
        StaffRole.ClaimsOfficer, StaffRole.MedicalReviewer, StaffRole.Auditor];

    public static IEndpointRouteBuilder MapEnrolment(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members").WithTags("Enrolment").LimitText();
        members.MapPost("/", RegisterHousehold.Handle).ForStaff(Officers).Idempotent();
        members.MapGet("/", SearchMembers.Handle).ForStaff(Readers);
        members.MapGet("/{id:guid}", GetMember.Handle).ForStaff(Readers);
        members.MapPost("/{id:guid}/affiliations", RequestAffiliation.Handle).ForStaff(Officers).Idempotent();
        members.MapPost("/{id:guid}/dependants", AddDependant.Handle).ForStaff(Officers).Idempotent();
        members.MapPost("/{id:guid}/dependants/{personId:guid}/removal", RemoveDependant.Handle).ForStaff(Officers);
        members.MapPost("/{id:guid}/people/{personId:guid}/death", RecordDeath.Handle).ForStaff(Officers);
        members.MapPost("/{id:guid}/people/{personId:guid}/correction", CorrectPersonDetails.Handle).ForStaff(Officers);
        members.MapPost("/{id:guid}/people/{personId:guid}/erasure", ErasePerson.Handle).ForStaff(StaffRole.Manager);

        var affiliations = app.MapGroup("/api/affiliations").WithTags("Enrolment").LimitText();
        affiliations.MapPost("/{id:guid}/approval", ApproveAffiliation.Handle).ForStaff(StaffRole.Manager);
        affiliations.MapPost("/{id:guid}/renewal", RenewAffiliation.Handle).ForStaff(Officers);
        affiliations.MapPost("/{id:guid}/termination", TerminateAffiliation.Handle).ForStaff(StaffRole.Manager);

        // The body is the CSV file, whatever content type the client names: no Accepts filter, which
        // would turn a mislabelled upload into an unmatched route (403 under the fallback policy).
        app.MapPost("/api/collectors/{collector}/households", ImportHouseholds.Handle).WithTags("Enrolment").ForStaff(Officers).LimitText()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportHouseholds.MaxFileBytes));
        app.MapGet("/api/imports/{importId:guid}", ImportHouseholds.Progress).WithTags("Enrolment").ForStaff(Officers);

        app.MapGet("/api/eligibility", EligibilityCheck.ForStaff).WithTags("Enrolment").ForStaff(Readers);
        return app;
    }

    public static IServiceCollection AddEnrolment(this IServiceCollection services)
    {
        // Event JSON seals personal data with per-person keys; the keys reach the database once it exists.
        var keys = new PersonKeys();
        EnrolmentEvents.Register(services.RegisteredEventTypes(nameof(AddEnrolment)), keys);
        services.AddSingleton(sp => keys.Connect(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => PersonHashes.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => Scheme(sp.GetRequiredService<IConfiguration>()));

        services.AddInlineProjections((sp, store) =>
        [
            new PersonalDataIndex(sp.GetRequiredService<PersonKeys>(), sp.GetRequiredService<PersonHashes>()),
            new EligibilityIndex(store),
        ]);
        services.AddSingleton<BeneficiaryNumbers>();
        services.AddSingleton<DuplicateLookup>();
        services.AddSingleton<Households>();
        services.AddSingleton(sp => new EligibilityCheck(sp.GetRequiredService<Database>().Lookups));
        services.AddSingleton<ImportProgress>();
        services.AddSingleton<CollectiveImport>();
        services.AddSingleton<CoverSweep>();
        services.AddHostedService<CoverSweepSchedule>();
        services.AddSingleton<IProjection, MemberRegister>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static DefaultScheme Scheme(IConfiguration configuration) => new(configuration["Enrolment:SchemeCode"] ?? "CSU-BASE");
}
