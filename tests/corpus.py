"""Print the real-report corpus (fixtures/real/MANIFEST.yaml) counted by body, level, edition,
form and year, and its reviewed findings counted by verdict.

    python tests/corpus.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def manifest() -> list[dict[str, Any]]:
    return list(yaml.safe_load((REAL / "MANIFEST.yaml").read_text(encoding="utf-8"))["reports"])


def counts(entries: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Reports per body, level, edition, form and report year."""
    return {field: Counter(str(e[field]) for e in entries) for field in ("body", "level", "edition", "form", "year")}


def verdicts(entries: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """Reviewed findings per (severity, verdict)."""
    out: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        review = yaml.safe_load((REAL / (Path(entry["file"]).stem + ".review.yaml")).read_text(encoding="utf-8"))
        for item in review.get("findings") or []:
            out[(item["severity"], item["verdict"])] += 1
    return out


def main() -> int:
    entries = manifest()
    print(f"reports: {len(entries)}")
    for field, counter in counts(entries).items():
        print(f"\nby {field} ({len(counter)}):")
        for name, n in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {n:3d}  {name}")
    print("\nreviewed findings by severity and verdict:")
    for (severity, verdict), n in sorted(verdicts(entries).items()):
        print(f"  {n:3d}  {severity} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
