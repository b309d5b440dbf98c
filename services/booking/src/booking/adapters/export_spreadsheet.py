"""An .xlsx written by XlsxWriter in constant-memory mode: each row goes to a temporary file as it
comes, strings inline, so a 100,000-row export does not grow the process."""

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence

import xlsxwriter

from booking.domain.export_rows import Cell

CHUNK_SIZE = 1024 * 1024


class XlsxSpreadsheet:
    def __init__(self, path: str, title: str, headers: list[str]) -> None:
        self._path = path
        self._book = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": os.path.dirname(path)})
        self._sheet = self._book.add_worksheet(title)
        self._sheet.write_row(0, 0, headers, self._book.add_format({"bold": True}))
        self._next_row = 1

    def append_rows(self, rows: Sequence[list[Cell]]) -> None:
        for row in rows:
            self._sheet.write_row(self._next_row, 0, row)
            self._next_row += 1

    def close(self) -> Iterable[bytes]:
        self._book.close()
        return _chunks(self._path)


def _chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_SIZE):
            yield chunk


@contextlib.contextmanager
def xlsx_spreadsheet(title: str, headers: list[str]) -> Iterator[XlsxSpreadsheet]:
    with tempfile.TemporaryDirectory(prefix="rdv-export-") as directory:
        yield XlsxSpreadsheet(os.path.join(directory, "export.xlsx"), title, headers)
