from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from availability.entrypoints.http.local_times import LocalTimes

ZONES = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "Asia/Kathmandu", "UTC"]
# Two years around two DST changes in Paris, every 7 minutes and 13 seconds: every minute and
# second of the day comes up, and instants right before and after each change.
START = int(datetime(2026, 1, 1).timestamp())
INSTANTS = range(START, START + 2 * 365 * 86400, 7 * 60 + 13)


@pytest.mark.parametrize("zone_name", ZONES)
def test_local_times_read_as_datetime_writes_them(zone_name):
    zone = ZoneInfo(zone_name)
    local_times = LocalTimes(zone)

    for instant in INSTANTS:
        assert local_times.iso(instant) == datetime.fromtimestamp(instant, zone).isoformat()


def test_the_hour_around_the_autumn_change_in_paris_is_told_apart():
    local_times = LocalTimes(ZoneInfo("Europe/Paris"))
    change = int(datetime.fromisoformat("2026-10-25T01:00:00+00:00").timestamp())

    assert local_times.iso(change - 1800) == "2026-10-25T02:30:00+02:00"
    assert local_times.iso(change + 1800) == "2026-10-25T02:30:00+01:00"
