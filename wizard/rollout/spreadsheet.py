"""The register as an Excel workbook: every cell neutralised as in the CSV, and written as a
string, so that no cell is a formula whoever typed the name."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from wizard.text import csv_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_workbook(rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([csv_safe(cell) for cell in row])
    for cell in sheet[1] if rows else ():
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
