"""The office's inbox: a district's reports of one year as its 政务公开办 receives them, with the
roster of the bodies it expects. Run once by hand (LibreOffice makes the web page and the PDF);
the outputs are committed, so tests never need LibreOffice.

    python tests/fixturegen/build_inbox.py

Writes fixtures/inbox/office/:
- roster.yaml: 20 bodies in two levels (the district government, 12 departments, 7 townships
  and subdistricts), with other names;
- 2024/: the 2024 inbox: 17 of the 20 bodies sent a report (住建局, 商务局, 三河镇 did not);
  教育局 sent its report twice (.docx and web page), 财政局 sent its 2023 report, 「洪泽区住建局」
  (an abbreviation not in the roster) sent one, 民政局 a PDF and 朱坝街道 a web page; the
  district government titles itself 「淮安市洪泽区人民政府」 and carries over 0 requests where
  its 2023 report left 1;
- 2023/: last year's report of the district government, titled 「洪泽区人民政府」.

Each report is a generated fixture (fixtures/docx) with its body and year rewritten in the text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
sys.path.insert(0, str(ROOT))

from tests.rulecases.build import Case, build, replace_in_paragraphs  # noqa: E402

OUT = ROOT / "fixtures" / "inbox" / "office"
BASE_BODY = {
    "filled_2021": "平潭综合实验区",
    "fail_t3_total_cell": "海滨市示范区",
    "fail_t4_sum": "海滨市示范区",
    "fail_t3_two_cells": "平潭综合实验区",
    "fail_missing_section": "海滨市示范区",
    "fail_t3_blank_forced": "平潭综合实验区",
    "fail_t3_row_one": "平潭综合实验区",
}

# (file under OUT, base fixture, body as titled, report year, converted to: docx, html or pdf)
REPORTS = [
    ("2023/洪泽区人民政府.docx", "filled_2021", "洪泽区人民政府", 2023, "docx"),
    ("2024/淮安市洪泽区人民政府.docx", "filled_2021", "淮安市洪泽区人民政府", 2024, "docx"),
    ("2024/部门/洪泽区发展和改革委员会.docx", "filled_2021", "洪泽区发展和改革委员会", 2024, "docx"),
    ("2024/部门/洪泽区教育局.docx", "fail_t3_total_cell", "洪泽区教育局", 2024, "docx"),
    ("2024/部门/洪泽区教育局-网页版.html", "fail_t3_total_cell", "洪泽区教育局", 2024, "html"),
    ("2024/部门/洪泽区公安局.docx", "fail_t4_sum", "洪泽区公安局", 2024, "docx"),
    ("2024/部门/洪泽区民政局.pdf", "fail_t3_two_cells", "洪泽区民政局", 2024, "pdf"),
    ("2024/部门/洪泽区司法局.docx", "filled_2021", "洪泽区司法局", 2024, "docx"),
    ("2024/部门/洪泽区财政局.docx", "filled_2021", "洪泽区财政局", 2023, "docx"),
    ("2024/部门/洪泽区人力资源和社会保障局.docx", "fail_missing_section", "洪泽区人力资源和社会保障局", 2024, "docx"),
    ("2024/部门/洪泽区交通运输局.docx", "filled_2021", "洪泽区交通运输局", 2024, "docx"),
    ("2024/部门/洪泽区水利局.docx", "fail_t3_blank_forced", "洪泽区水利局", 2024, "docx"),
    ("2024/部门/洪泽区农业农村局.docx", "filled_2021", "洪泽区农业农村局", 2024, "docx"),
    ("2024/部门/洪泽区住建局.docx", "filled_2021", "洪泽区住建局", 2024, "docx"),
    ("2024/乡镇/洪泽区高良涧街道办事处.docx", "filled_2021", "洪泽区高良涧街道办事处", 2024, "docx"),
    ("2024/乡镇/洪泽区朱坝街道办事处.html", "filled_2021", "洪泽区朱坝街道办事处", 2024, "html"),
    ("2024/乡镇/洪泽区黄集街道办事处.docx", "fail_t3_row_one", "洪泽区黄集街道办事处", 2024, "docx"),
    ("2024/乡镇/洪泽区岔河镇人民政府.docx", "filled_2021", "洪泽区岔河镇人民政府", 2024, "docx"),
    ("2024/乡镇/洪泽区西顺河镇人民政府.docx", "filled_2021", "洪泽区西顺河镇人民政府", 2024, "docx"),
    ("2024/乡镇/洪泽区老子山镇人民政府.docx", "fail_t4_sum", "洪泽区老子山镇人民政府", 2024, "docx"),
]

ROSTER = """\
# The bodies the 洪泽区 政务公开办 expects a report from each year: name, other names, parent, kind.
bodies:
  - {name: 淮安市洪泽区人民政府, other_names: [洪泽区人民政府, 洪泽区政府], kind: 人民政府}
  - {name: 洪泽区发展和改革委员会, other_names: [洪泽区发改委], parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区教育局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区公安局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区民政局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区司法局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区财政局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区人力资源和社会保障局, other_names: [洪泽区人社局], parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区住房和城乡建设局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区交通运输局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区水利局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区农业农村局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 洪泽区商务局, parent: 淮安市洪泽区人民政府, kind: 部门}
  - {name: 高良涧街道办事处, other_names: [洪泽区高良涧街道办事处, 洪泽区高良涧街道], parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区朱坝街道办事处, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区黄集街道办事处, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区岔河镇人民政府, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区西顺河镇人民政府, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区老子山镇人民政府, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
  - {name: 洪泽区三河镇人民政府, parent: 淮安市洪泽区人民政府, kind: 乡镇/街道}
"""


def _soffice(src: Path, target: str, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return outdir / (src.stem + "." + target.split(":", 1)[0])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "roster.yaml").write_text(ROSTER, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for rel, base, body, year, form in REPORTS:
            edits = (
                replace_in_paragraphs(BASE_BODY[base], body),
                replace_in_paragraphs("2022", str(year + 1)),
                replace_in_paragraphs("2021", str(year)),
            )
            target = OUT / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            made = build(Case(Path(rel).stem + ".docx", f"docx/{base}.docx", edits), work)
            if form == "docx":
                shutil.copyfile(made, target)
            else:
                kind = "html:HTML (StarWriter)" if form == "html" else "pdf:writer_pdf_Export"
                shutil.copyfile(_soffice(made, kind, work), target)


if __name__ == "__main__":
    main()
