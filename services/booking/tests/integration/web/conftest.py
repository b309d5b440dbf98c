"""The booking app with the usager pages, and doubles of availability's search and directory's accounts."""

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from booking.config import BookingSettings
from booking.entrypoints.web.mount import mount_web

from ..conftest import LINK_SECRET, Booking
from .doubles import AccountsDouble, PublicSearchDouble


@dataclass
class Pages:
    client: httpx.AsyncClient
    booking: Booking
    search: PublicSearchDouble
    accounts: AccountsDouble

    async def form_post(self, url: str, page: httpx.Response, data: dict[str, str]) -> httpx.Response:
        """Posts a form of `page` as a browser would: with its CSRF token."""
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, "the page has no form protected against CSRF"
        return await self.client.post(url, data={"csrf_token": found.group(1), **data})

    async def sign_in(self) -> None:
        page = await self.client.get("/usager/connexion")
        credentials = {"email": AccountsDouble.EMAIL, "password": AccountsDouble.PASSWORD}
        response = await self.form_post("/usager/connexion", page, credentials)
        assert response.status_code == 303, response.text


@pytest.fixture
async def pages(booking: Booking) -> AsyncIterator[Pages]:
    search, accounts = PublicSearchDouble(), AccountsDouble()
    availability = httpx.AsyncClient(
        transport=httpx.ASGITransport(search.app), base_url="http://availability"
    )
    directory = httpx.AsyncClient(transport=httpx.ASGITransport(accounts.app), base_url="http://directory")
    settings = BookingSettings(environment="test", link_secret=LINK_SECRET)
    mount_web(booking.app, settings, availability, directory)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(booking.app), base_url="http://booking", timeout=60
    )
    yield Pages(client, booking, search, accounts)
    await client.aclose()
    await availability.aclose()
    await directory.aclose()
