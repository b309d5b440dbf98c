"""The usager's recap of an RDV: what the confirmation page and the link page show."""

from datetime import datetime
from typing import Any

from fastapi.responses import JSONResponse

from booking.application.recap import Recap
from booking.entrypoints.http.presenters import rdv_body


def recap_body(recap: Recap, now: datetime) -> dict[str, Any]:
    motif, lieu, organisation = recap.motif, recap.lieu, recap.organisation
    return {
        "rdv": rdv_body(recap.rdv, now, recap.time_zone, for_user=True),
        "motif": motif
        and {
            "id": motif.id,
            "name": motif.name,
            "location_type": motif.location_type.value,
            "instruction_for_rdv": motif.instruction_for_rdv,
            "custom_cancel_warning_message": motif.custom_cancel_warning_message,
            "service_name": recap.service.name if recap.service else None,
        },
        "lieu": lieu
        and {"id": lieu.id, "name": lieu.name, "address": lieu.address, "phone_number": lieu.phone_number},
        "organisation": organisation
        and {
            "id": organisation.id,
            "name": organisation.name,
            "phone_number": organisation.phone_number,
            "email": organisation.email,
            "website": organisation.website,
            "horaires": organisation.horaires,
        },
        "cancellable": recap.cancellable,
        "movable": recap.movable,
    }


def booked_response(recap: Recap, now: datetime) -> JSONResponse:
    """The recap is made of JSON types already: answered as is, without FastAPI's generic encoding,
    which cost a noticeable share of the booking path's CPU."""
    return JSONResponse(recap_body(recap, now), status_code=201)
