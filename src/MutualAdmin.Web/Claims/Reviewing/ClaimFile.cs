using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Claims.Reviewing;

/// <summary>
/// A claim with the scheme version it was adjudicated under (S-2, recorded on submission): its
/// four-eyes threshold (C-9) is the one the review must apply, whatever was published since.
/// </summary>
public sealed record ClaimFile(StreamState<Claim> Stored, SchemeVersion? Scheme)
{
    public static async Task<ClaimFile> Load(EventSession session, Guid claimId, SchemeCatalogues schemes, CancellationToken ct)
    {
        var stored = await session.FetchForWriting(ClaimStreams.Claim(session.Tenant, claimId), (Claim: Claim.Initial, Scheme: ((string, int)?)null),
            (s, e) => e switch
            {
                ClaimSubmitted submitted => (Claim.Evolve(s.Claim, submitted), (submitted.SchemeCode, submitted.SchemeVersion)),
                IClaimEvent c => (Claim.Evolve(s.Claim, c), s.Scheme),
                _ => s,
            }, ct: ct);
        var scheme = stored.State.Scheme is var (code, version) ? (await schemes.Load(code, ct)).Find(version) : null;
        return new(new(stored.Id, stored.State.Claim, stored.Version), scheme);
    }
}
