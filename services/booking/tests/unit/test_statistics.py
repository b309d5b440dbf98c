from booking.domain.statistics import RdvGroup, statistics_of
from rdv_contracts.booking import CreatorType, RdvStatus

U, S, E, R, N = RdvStatus.UNKNOWN, RdvStatus.SEEN, RdvStatus.EXCUSED, RdvStatus.REVOKED, RdvStatus.NOSHOW
AGENT, USER, PRESCRIPTEUR = CreatorType.AGENT, CreatorType.USER, CreatorType.PRESCRIPTEUR


def group(status, motif=20, lieu=30, origin=AGENT, week="2026-W47", past=True, count=1, org=1):
    return RdvGroup(status, motif, lieu, origin, week, org, past, count)


def test_counts_by_every_dimension_and_rates_over_past_rdvs():
    groups = [
        group(S, count=3),
        group(N, origin=USER, count=1),
        group(E, motif=21, origin=PRESCRIPTEUR, count=2),
        group(R, lieu=None, count=1),
        group(U, count=2),
        group(U, week="2026-W48", past=False, count=5),
    ]
    stats = statistics_of(groups, {100: 9, 101: 5}, {20: 10, 21: 11})

    assert stats.total == 14
    assert stats.by_status == {"seen": 3, "noshow": 1, "excused": 2, "revoked": 1, "unknown": 7}
    assert stats.by_motif == {20: 12, 21: 2}
    assert stats.by_service == {10: 12, 11: 2}
    assert stats.by_lieu == {30: 13, None: 1}
    assert stats.by_origin == {"agent": 11, "user": 1, "prescripteur": 2}
    assert stats.by_week == {"2026-W47": 9, "2026-W48": 5}
    assert stats.by_agent == {100: 9, 101: 5}
    assert stats.past == 9 and stats.to_fill_in == 2
    assert stats.cancellation_rate == round(3 / 9, 4)
    assert stats.noshow_rate == round(1 / 9, 4)


def test_no_past_rdv_means_no_rate_rather_than_zero():
    stats = statistics_of([group(U, past=False, count=4)], {}, {})

    assert stats.cancellation_rate is None and stats.noshow_rate is None and stats.to_fill_in == 0
