"""A group the format splits, printed as one row, stands for its members in the arithmetic; the
members' stand-ins are never cells of the report, so no finding names them as a place."""

from __future__ import annotations

import jsonschema

from linter.reporters.json_reporter import document
from linter.ruleset.resources import load_schema
from linter.run.check import Options, check_file
from tests.conftest import ROOT

# A fuzzed PDF (a mutation of fixtures/pdf's split table, kept from a fuzz run) whose table 3 prints
# （五）不予处理 and （六）其他处理 without their member rows, so their members are stand-ins.
MANGLED = ROOT / "fixtures" / "fuzzed" / "group_row_without_members.pdf"


def test_relation_findings_name_no_stand_in() -> None:
    result = check_file(MANGLED, Options(lang="zh"))
    relation = [f for f in result.findings if f.rule in ("RL-T3-004", "RL-T3-007")]
    assert {f.rule for f in relation} == {"RL-T3-004", "RL-T3-007"}
    for f in relation:
        rows = [r.row for r in f.related]
        assert rows and all(r is not None and r >= 1 for r in rows), (f.rule, rows)
        labels = {r.row_label for r in f.related}
        assert "2.重复申请" not in labels and "3.其他" not in labels
    jsonschema.Draft202012Validator(load_schema("findings.schema.json")).validate(document([result]))
