"""Statistics as JSON for the API, and as CSV rows (indicator, id, label, value) for a spreadsheet."""

import csv
import io
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

from rdv_contracts.booking import CreatorType, RdvStatus

from booking.application.statistics_report import StatisticsReport
from booking.domain.export_rows import ORIGINS
from booking.domain.statuses import status_label

_DAY = date(2000, 1, 1)
_DIMENSIONS = {
    "by_motif": ("motif", "Motif"),
    "by_service": ("service", "Service"),
    "by_lieu": ("lieu", "Lieu"),
    "by_agent": ("agent", "Agent"),
    "by_organisation": ("organisation", "Organisation"),
}
NO_LIEU = "Sans lieu (téléphone, domicile, visio ou lieu ponctuel)"


def statistics_body(report: StatisticsReport) -> dict[str, Any]:
    s = report.statistics
    body: dict[str, Any] = {
        "time_zone": report.time_zone,
        "rdvs_count": s.total,
        "past_rdvs_count": s.past,
        "to_fill_in_count": s.to_fill_in,
        "cancellation_rate": s.cancellation_rate,
        "noshow_rate": s.noshow_rate,
        "by_status": [
            {"status": k, "label": status_label(RdvStatus(k), _DAY, _DAY), "count": n}
            for k, n in sorted(s.by_status.items())
        ],
        "by_origin": [
            {"origin": k, "label": ORIGINS[CreatorType(k)], "count": n}
            for k, n in sorted(s.by_origin.items())
        ],
        "by_week": [{"week": k, "count": n} for k, n in sorted(s.by_week.items())],
    }
    for attribute, (kind, _) in _DIMENSIONS.items():
        body[attribute] = _named(getattr(s, attribute), report.names.get(kind, {}))
    return body


def _named(counts: Counter[Any], names: Mapping[int, str]) -> list[dict[str, Any]]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or 0))
    return [{"id": k, "name": names.get(k, NO_LIEU if k is None else ""), "count": n} for k, n in ordered]


def statistics_csv(report: StatisticsReport) -> str:
    body = statistics_body(report)
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 (accents) only with a BOM
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Indicateur", "Identifiant", "Libellé", "Valeur"])
    writer.writerow(["RDV", "", "Nombre de RDV", body["rdvs_count"]])
    writer.writerow(["RDV passés", "", "Nombre de RDV passés", body["past_rdvs_count"]])
    writer.writerow(["À renseigner", "", "RDV passés au statut à renseigner", body["to_fill_in_count"]])
    writer.writerow(["Taux d'annulation", "", "Annulés / RDV passés", _rate(body["cancellation_rate"])])
    writer.writerow(["Taux d'absence", "", "Absents non excusés / RDV passés", _rate(body["noshow_rate"])])
    writer.writerows(["Statut", i["status"], i["label"], i["count"]] for i in body["by_status"])
    writer.writerows(["Origine", i["origin"], i["label"], i["count"]] for i in body["by_origin"])
    writer.writerows(["Semaine", i["week"], i["week"], i["count"]] for i in body["by_week"])
    for attribute, (_, label) in _DIMENSIONS.items():
        writer.writerows([label, i["id"] or "", i["name"], i["count"]] for i in body[attribute])
    return out.getvalue()


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".replace(".", ",")
