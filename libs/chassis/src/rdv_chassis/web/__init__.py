from rdv_chassis.web.app import create_api
from rdv_chassis.web.health import ReadinessCheck
from rdv_chassis.web.pagination import Page, PageParams, page_params, pagination_meta

__all__ = ["Page", "PageParams", "ReadinessCheck", "create_api", "page_params", "pagination_meta"]
