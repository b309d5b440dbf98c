"""Keeps what the directory must know of RDVs, from booking's lifecycle events: an agent with
upcoming RDVs is not removed, a used motif is only soft-deleted, an usager with RDVs is kept."""

from rdv_contracts.booking import RdvDestroyed, RdvEvent

from directory.domain.memberships import RdvFact


def fact_of(event: RdvEvent) -> RdvFact:
    rdv = event.rdv
    return RdvFact(
        rdv_id=rdv.id,
        organisation_id=rdv.organisation_id,
        motif_id=rdv.motif_id,
        agent_ids=tuple(rdv.agent_ids),
        # A prescripteur's beneficiary without an account has no user_id: nothing to keep for it.
        user_ids=tuple(p.user_id for p in rdv.participations if p.user_id is not None),
        starts_at=rdv.starts_at,
        cancelled=rdv.status.is_cancelled,
        version=rdv.version,
    )


def is_destroyed(event: RdvEvent) -> bool:
    return isinstance(event, RdvDestroyed)
