"""The page the agent's browser lands on when Microsoft sends it back after the consent screen."""

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from calendar_sync.entrypoints.http.errors import ERRORS

_templates = Environment(
    loader=PackageLoader("calendar_sync.entrypoints.http", "templates"), autoescape=select_autoescape()
)

CONNECTED_MESSAGE = (
    "Votre agenda Outlook est connecté : vos rendez-vous y apparaîtront dans quelques instants, "
    "puis à chaque création, modification ou annulation."
)


def connected_page() -> HTMLResponse:
    return _page(200, "Agenda Outlook connecté", CONNECTED_MESSAGE, connected=True)


def failed_page(error: BaseException) -> HTMLResponse:
    return _page(status_of(error), "La connexion à Outlook n'a pas abouti", str(error), connected=False)


def status_of(error: BaseException) -> int:
    return next(status for kind, status in ERRORS.items() if isinstance(error, kind))


def handled_errors() -> tuple[type[BaseException], ...]:
    return tuple(ERRORS)


def _page(status: int, title: str, message: str, *, connected: bool) -> HTMLResponse:
    body = _templates.get_template("outlook_callback.html").render(
        title=title, message=message, connected=connected
    )
    return HTMLResponse(body, status_code=status)
