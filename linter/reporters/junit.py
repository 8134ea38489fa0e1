"""JUnit XML: one test suite per file, one test case per rule (failed when the rule has findings
at error level, or any finding when --fail-on says so), unreadable files as errors."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, Sequence
from xml.etree import ElementTree as ET

from linter.findings import FileResult
from linter.findings import SEVERITY_RANK, Finding
from linter.reporters import Reporter
from linter.reporters.text import format_finding


class JunitReporter(Reporter):
    name = "junit"
    fail_on = "error"

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        # The totals head the document: counted in a first pass, the suites written in a second.
        suites = ET.Element("testsuites", name="reportlint")
        total = failures = errors = 0
        for r in results:
            if r.error is not None:
                total, errors = total + 1, errors + 1
                continue
            cases = self._cases(r)
            total, failures = total + len(cases), failures + sum(1 for _rule, _found, failing in cases if failing)
        suites.set("tests", str(total))
        suites.set("failures", str(failures))
        suites.set("errors", str(errors))
        head = ET.tostring(suites, encoding="unicode")
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        if not results:
            yield head + "\n"
            return
        yield head[: -len(" />")] + ">"
        for r in results:
            suite = self._suite(r)
            ET.indent(suite, level=1)
            yield "\n  " + ET.tostring(suite, encoding="unicode")
        yield "\n</testsuites>\n"

    def _cases(self, r: FileResult) -> list[tuple[str, list[Finding], list[Finding]]]:
        """(rule id, its findings, those failing) per test case of a readable file."""
        from linter.ruleset.loader import builtin_editions, builtin_ruleset

        level = self.fail_levels.get(r.path, self.fail_on)
        by_rule = defaultdict(list)
        for f in r.findings:
            by_rule[f.rule].append(f)
        rule_ids = [rule.id for rule in builtin_ruleset(r.edition or builtin_editions()[0]).rules if rule.enabled]
        rule_ids += sorted(set(by_rule) - set(rule_ids))
        return [
            (
                rule_id,
                by_rule.get(rule_id, []),
                [f for f in by_rule.get(rule_id, []) if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level]],
            )
            for rule_id in rule_ids
        ]

    def _suite(self, r: FileResult) -> ET.Element:
        suite = ET.Element("testsuite", name=r.path)
        if r.skipped and r.error is not None:  # found in a folder, not a report: not a test that ran
            case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
            ET.SubElement(case, "skipped", message=f"{r.error.code} {r.error.message}")
            for key, value in (("tests", "1"), ("failures", "0"), ("errors", "0"), ("skipped", "1")):
                suite.set(key, value)
            return suite
        if r.error is not None:
            case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
            err = ET.SubElement(case, "error", type=r.error.code, message=r.error.message)
            err.text = f"{r.path}: {r.error.code} {r.error.message}"
            for key, value in (("tests", "1"), ("failures", "0"), ("errors", "1")):
                suite.set(key, value)
            return suite
        cases = self._cases(r)
        for rule_id, found, failing in cases:
            case = ET.SubElement(suite, "testcase", classname=r.path, name=rule_id)
            if failing:
                fail = ET.SubElement(case, "failure", type=rule_id, message=failing[0].message)
                fail.text = "\n".join(format_finding(r.path, f, self.lang) for f in found)
            elif found:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(format_finding(r.path, f, self.lang) for f in found)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for _rule, _found, failing in cases if failing)))
        suite.set("errors", "0")
        return suite
