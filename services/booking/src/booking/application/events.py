"""Every RDV change goes out as a lifecycle event with the full snapshot, in the same transaction."""

from rdv_contracts import booking as bk
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from booking.application.ports import UnitOfWork
from booking.domain.rdv import Rdv
from booking.domain.snapshot import change_event, snapshot


def publish_created(uow: UnitOfWork, rdv: Rdv, actor: bk.Actor) -> None:
    uow.publish(_wrap(bk.RdvCreated(rdv=snapshot(rdv), actor=actor), rdv))


def publish_changed(uow: UnitOfWork, before: bk.RdvSnapshot, rdv: Rdv, actor: bk.Actor) -> None:
    uow.publish(_wrap(change_event(before, snapshot(rdv), actor), rdv))


def publish_destroyed(uow: UnitOfWork, rdv: Rdv, actor: bk.Actor) -> None:
    uow.publish(_wrap(bk.RdvDestroyed(rdv=snapshot(rdv), actor=actor), rdv))


def _wrap(payload: bk.RdvEvent, rdv: Rdv) -> EventEnvelope:
    return envelope(payload, aggregate_id=str(rdv.id), organisation_id=rdv.organisation_id)


def agent_actor(agent_id: int) -> bk.Actor:
    return bk.Actor(type=bk.ActorType.AGENT, id=agent_id)


def user_actor(user_id: int) -> bk.Actor:
    return bk.Actor(type=bk.ActorType.USER, id=user_id)


PRESCRIPTEUR_ACTOR = bk.Actor(type=bk.ActorType.PRESCRIPTEUR)
