from datetime import datetime


def one_month_before(instant: datetime) -> datetime:
    """The webcal feed starts one calendar month ago (reference §6.1), clamped to the month's end."""
    year, month = (instant.year, instant.month - 1) if instant.month > 1 else (instant.year - 1, 12)
    for day in (instant.day, 30, 29, 28):
        try:
            return instant.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
