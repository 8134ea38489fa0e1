"""One Arithmetic per report and logical table: made once, shared by the checks, freed with its report."""

from __future__ import annotations

import gc

from linter.checks import relations
from linter.readers import read_document
from linter.recognise.report import recognise
from linter.ruleset.loader import builtin_ruleset
from linter.run.check import check_file
from tests.conftest import DOCX


def test_one_arithmetic_per_report_and_table() -> None:
    report = recognise(read_document(DOCX / "fail_t4_sum.docx"), builtin_ruleset(2021))
    first = relations.arithmetic(report, "t4")
    assert first is not None and first is relations.arithmetic(report, "t4")
    assert relations.arithmetic(report, "no-such-table") is None
    failing = [check for _rule, check in relations.exact_relations(report.ruleset, "t4") if first.failures(check)]
    assert len(failing) == 2 and first.failures(failing[0]) is first.failures(failing[0])
    assert first.localization is first.localization and first.localization.explains(failing[0])


def test_a_report_is_not_kept_alive_by_its_arithmetic() -> None:
    for _ in range(3):
        result = check_file(DOCX / "fail_t4_sum.docx")
        assert {f.rule for f in result.findings} >= {"RL-T4-002"}
    gc.collect()
    assert len(relations._ARITHMETIC) == 0
