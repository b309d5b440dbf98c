from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI
from rdv_chassis.errors import install_error_handlers
from rdv_chassis.web.pagination import Page, PageParams, page_params, pagination_meta


@pytest.mark.parametrize(
    ("page", "total_count", "expected"),
    [
        (1, 250, {"current_page": 1, "next_page": 2, "prev_page": None, "total_pages": 3}),
        (2, 250, {"current_page": 2, "next_page": 3, "prev_page": 1, "total_pages": 3}),
        (3, 250, {"current_page": 3, "next_page": None, "prev_page": 2, "total_pages": 3}),
        (1, 100, {"current_page": 1, "next_page": None, "prev_page": None, "total_pages": 1}),
        (1, 0, {"current_page": 1, "next_page": None, "prev_page": None, "total_pages": 0}),
        (5, 250, {"current_page": 5, "next_page": None, "prev_page": None, "total_pages": 3}),
    ],
)
def test_meta_matches_the_api_v1(page, total_count, expected):
    assert pagination_meta(page, 100, total_count) == expected | {"total_count": total_count}


def test_page_gives_offset_and_limit():
    page = Page(page=3)

    assert (page.offset, page.limit) == (200, 100)
    assert page.meta(250)["prev_page"] == 2


@pytest.fixture
async def client():
    app = FastAPI()
    install_error_handlers(app, {})

    @app.get("/rdvs")
    async def rdvs(page: PageParams) -> dict[str, int]:
        return {"page": page.page, "per_page": page.per_page}

    @app.get("/small")
    async def small(page: Annotated[Page, Depends(page_params(per_page=10))]) -> dict[str, int]:
        return {"per_page": page.per_page}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client


async def test_page_query_defaults_to_the_first_page_of_100(client):
    assert (await client.get("/rdvs")).json() == {"page": 1, "per_page": 100}
    assert (await client.get("/rdvs", params={"page": 4, "per_page": 5})).json() == {
        "page": 4,
        "per_page": 100,
    }


async def test_an_endpoint_can_choose_another_page_size(client):
    assert (await client.get("/small")).json() == {"per_page": 10}


async def test_page_zero_is_a_422_on_the_page_field(client):
    response = await client.get("/rdvs", params={"page": 0})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["page"]
