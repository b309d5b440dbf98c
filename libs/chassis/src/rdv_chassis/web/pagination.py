"""Pagination of list endpoints, as in the RDV Service Public API v1 (100 per page, `?page=`)."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

DEFAULT_PER_PAGE = 100


@dataclass(frozen=True)
class Page:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def limit(self) -> int:
        return self.per_page

    def meta(self, total_count: int) -> dict[str, int | None]:
        return pagination_meta(self.page, self.per_page, total_count)


def page_params(per_page: int = DEFAULT_PER_PAGE) -> Callable[..., Page]:
    """A dependency reading `?page=`; the page size is the endpoint's choice, not the caller's."""

    def dependency(page: Annotated[int, Query(ge=1)] = 1) -> Page:
        return Page(page=page, per_page=per_page)

    return dependency


PageParams = Annotated[Page, Depends(page_params())]


def pagination_meta(page: int, per_page: int, total_count: int) -> dict[str, int | None]:
    total_pages = math.ceil(total_count / per_page)
    # Like Kaminari, which the reference API uses: no neighbours for a page past the end.
    in_range = page <= total_pages
    return {
        "current_page": page,
        "next_page": page + 1 if in_range and page < total_pages else None,
        "prev_page": page - 1 if in_range and page > 1 else None,
        "total_pages": total_pages,
        "total_count": total_count,
    }
