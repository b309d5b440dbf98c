from availability_api_testing import service

__all__ = ["service"]
