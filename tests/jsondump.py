"""Dump ``reportlint check --format json`` for every fixture, and compare two dumps.

    python tests/jsondump.py dump OUT [--generated 300] [--fuzz 300] [--lang zh --lang en]
    python tests/jsondump.py diff OLD NEW

``dump`` runs the checkout's linter (``python -m linter``, from this file's repository) once per
fixture folder and language, each folder as one batch with ``--jobs 1``, and writes its output
to ``OUT/<folder>.<lang>.json`` with the exit code in ``OUT/<folder>.<lang>.rc``. ``--generated``
adds that many reports of the benchmark's generated corpus (bench/bench.py), ``--fuzz`` that many
mutated inputs of tests/fuzz.py (seed 1), 300 each by default (0 leaves them out); both are
written to a folder under OUT and are the same on every run. Both languages by default.
Paths in the output are relative to the repository, so dumps made in two checkouts compare.

``diff`` compares the dumps byte for byte; for each output that differs it prints the files
whose entries differ, with a unified diff of each entry, and exits 1 (0 when identical).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def fixture_folders() -> list[Path]:
    """Every folder under fixtures/ that holds files directly, in a stable order."""
    return sorted(d for d in FIXTURES.rglob("*") if d.is_dir() and any(f.is_file() for f in d.iterdir()))


def _check(folder: Path, lang: str, cwd: Path) -> tuple[bytes, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
    env.pop("REPORTLINT_CONFIG", None)
    rel = os.path.relpath(folder, cwd)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "check",
            "--format",
            "json",
            "--jobs",
            "1",
            "--no-progress",
            "--lang",
            lang,
            rel,
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    if not proc.stdout:
        sys.stderr.write(f"{rel} ({lang}): exit {proc.returncode}\n{proc.stderr.decode(errors='replace')}")
    return proc.stdout, proc.returncode


def _generated(out: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench  # type: ignore[import-not-found]

    folder = out / "_inputs" / "generated"
    bench.generate(count, folder)
    return folder


def _fuzzed(out: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests import fuzz

    folder = out / "_inputs" / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        fuzz.make_input(i, 1, folder)
    return folder


def dump(out: Path, langs: list[str], generated: int, fuzz: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    folders = [(d.relative_to(ROOT), ROOT) for d in fixture_folders()]
    if generated:
        folders.append((_generated(out, generated).relative_to(out), out))
    if fuzz:
        folders.append((_fuzzed(out, fuzz).relative_to(out), out))
    for rel, cwd in folders:
        name = str(rel).replace(os.sep, "__")
        for lang in langs:
            data, rc = _check(cwd / rel, lang, cwd)
            (out / f"{name}.{lang}.json").write_bytes(data)
            (out / f"{name}.{lang}.rc").write_text(f"{rc}\n")
        print(f"{rel}: done", flush=True)
    return 0


def _entries(data: bytes) -> dict[str, str]:
    try:
        doc = json.loads(data)
    except ValueError:
        return {"<not JSON>": data.decode(errors="replace")}
    entries = {f["path"]: json.dumps(f, ensure_ascii=False, indent=1) for f in doc.get("files", [])}
    entries["<summary>"] = json.dumps(doc.get("summary"), ensure_ascii=False, indent=1)
    return entries


def diff(old: Path, new: Path, limit: Optional[int] = 40) -> int:
    names = sorted(
        {p.name for p in old.glob("*.json")}
        | {p.name for p in new.glob("*.json")}
        | {p.name for p in old.glob("*.rc")}
        | {p.name for p in new.glob("*.rc")}
    )
    changed = 0
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {old if a.exists() else new}")
            changed += 1
            continue
        da, db = a.read_bytes(), b.read_bytes()
        if da == db:
            continue
        changed += 1
        if name.endswith(".rc"):
            print(f"{name}: exit {da.decode().strip()} -> {db.decode().strip()}")
            continue
        ea, eb = _entries(da), _entries(db)
        paths = [p for p in sorted(set(ea) | set(eb)) if ea.get(p) != eb.get(p)]
        print(f"{name}: {len(paths)} entries differ")
        for path in paths[:limit]:
            lines = difflib.unified_diff(
                ea.get(path, "").splitlines(),
                eb.get(path, "").splitlines(),
                f"old {path}",
                f"new {path}",
                lineterm="",
                n=2,
            )
            print("\n".join(lines))
    total = len([n for n in names if n.endswith(".json")])
    print(f"jsondump: {total} outputs compared, {changed} differ")
    return 1 if changed else 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--lang", action="append", choices=["zh", "en"])
    d.add_argument("--generated", type=int, default=300, metavar="N")
    d.add_argument("--fuzz", type=int, default=300, metavar="N")
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.out.resolve(), args.lang or ["zh", "en"], args.generated, args.fuzz)
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
