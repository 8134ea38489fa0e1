"""JUnit XML: one test suite per file, one test case per rule (failed when the rule has findings
at error level, or any finding when --fail-on says so), unreadable files as errors."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence
from xml.etree import ElementTree as ET

from linter.check import FileResult
from linter.findings import SEVERITY_RANK
from linter.reporters import Reporter
from linter.reporters.text import format_finding


class JunitReporter(Reporter):
    name = "junit"
    fail_on = "error"

    def render(self, results: Sequence[FileResult]) -> str:
        from linter.ruleset import builtin_ruleset

        suites = ET.Element("testsuites", name="reportlint")
        total = failures = errors = 0
        for r in results:
            suite = ET.SubElement(suites, "testsuite", name=r.path)
            if r.error is not None:
                case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
                err = ET.SubElement(case, "error", type=r.error.code, message=r.error.message)
                err.text = f"{r.path}: {r.error.code} {r.error.message}"
                suite.set("tests", "1"), suite.set("failures", "0"), suite.set("errors", "1")
                total, errors = total + 1, errors + 1
                continue
            by_rule = defaultdict(list)
            for f in r.findings:
                by_rule[f.rule].append(f)
            rule_ids = [rule.id for rule in builtin_ruleset(r.edition or 2021).rules if rule.enabled]
            rule_ids += sorted(set(by_rule) - set(rule_ids))
            n_fail = 0
            for rule_id in rule_ids:
                case = ET.SubElement(suite, "testcase", classname=r.path, name=rule_id)
                found = by_rule.get(rule_id, [])
                failing = [f for f in found if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[self.fail_on]]
                if failing:
                    n_fail += 1
                    fail = ET.SubElement(case, "failure", type=rule_id, message=failing[0].message)
                    fail.text = "\n".join(format_finding(r.path, f, self.lang) for f in found)
                elif found:
                    out = ET.SubElement(case, "system-out")
                    out.text = "\n".join(format_finding(r.path, f, self.lang) for f in found)
            suite.set("tests", str(len(rule_ids)))
            suite.set("failures", str(n_fail))
            suite.set("errors", "0")
            total, failures = total + len(rule_ids), failures + n_fail
        suites.set("tests", str(total))
        suites.set("failures", str(failures))
        suites.set("errors", str(errors))
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
