"""reportlint benchmark: check time against the parse floor, batch throughput, memory, cold start.

    python bench/bench.py                 # 1,000 generated reports (all formats, both editions)
    python bench/bench.py --count 50      # a small run (CI runs this; it asserts nothing)
    python bench/bench.py --corpus DIR    # your own folder of reports

Prints a table and writes the figures to bench/results/latest.json (or --json FILE).

PDF figures: the check of every PDF fixture against PDFium's bare text-and-object walk of the same
file (``pdfium_walk``), per report and per page in this process, and as whole processes
(``reportlint check --jobs 1`` over the PDFs against one process walking them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "fixtures" / d for d in ("docx", "rules", "corpus_docx", "html", "pdf", "text", "corpus")]
# The PDF figures: every PDF fixture (LibreOffice exports of real and rule-fixture reports, and
# the published 洪泽 2023 report), each once.
PDF_SEEDS = [
    ROOT / "fixtures" / d
    for d in ("pdf", "corpus", "pdf_export/rules", "pdf_export/docx", "pdf_export/corpus_docx", "pdf_export/shapes")
]
FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---- corpus ------------------------------------------------------------------------------------


def _inflate_docx(src: Path, dst: Path, factor: int) -> None:
    """Repeat the narrative paragraphs ``factor`` times (long reports have long sections)."""
    from lxml import etree

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml" and factor > 1:
                root = etree.fromstring(data)
                body = root.find(W + "body")
                for p in [p for p in body.findall(W + "p") if len("".join(p.itertext())) > 60]:
                    for _ in range(factor - 1):
                        p.addnext(etree.fromstring(etree.tostring(p)))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)


def generate(count: int, out: Path, formats: Optional[set[str]] = None) -> list[Path]:
    """``count`` reports cycling through the fixtures of every format; .docx in three sizes."""
    seeds = sorted(
        f
        for d in SEEDS
        if d.is_dir()
        for f in d.iterdir()
        if f.suffix.lower() in FORMATS and (formats is None or FORMATS[f.suffix.lower()] in formats)
    )
    out.mkdir(parents=True, exist_ok=True)
    files = []
    sizes = (1, 1, 1, 5, 20)  # most reports short, some long
    for i in range(count):
        src = seeds[i % len(seeds)]
        dst = out / f"{i:05d}_{src.name}"
        if src.suffix == ".docx":
            _inflate_docx(src, dst, sizes[(i // len(seeds)) % len(sizes)])
        else:
            shutil.copyfile(src, dst)
        files.append(dst)
    return files


# ---- floors: merely parsing the document ---------------------------------------------------------


def floor_docx(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("word/document.xml"), etree.XMLParser(resolve_entities=False, no_network=True))


def floor_html(path: Path) -> None:
    import lxml.html

    lxml.html.document_fromstring(path.read_bytes())


def floor_text(path: Path) -> None:
    path.read_bytes().decode("utf-8", errors="replace")


def pdfium_walk(path: Path) -> int:
    """PDFium's bare text-and-object walk of a PDF: per page, the text, every character's box and
    every path object's points (what a table finder reads), nothing built from them. The pages."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    rect, x, y = raw.FS_RECTF(), ctypes.c_float(), ctypes.c_float()
    try:
        pages = len(pdf)
        for i in range(pages):
            page = raw.FPDF_LoadPage(pdf.raw, i)
            text = raw.FPDFText_LoadPage(page)
            n = raw.FPDFText_CountChars(text)
            buf = ctypes.create_string_buffer((n + 1) * 2)
            raw.FPDFText_GetText(text, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
            for c in range(n):
                raw.FPDFText_GetLooseCharBox(text, c, rect)
            for o in range(raw.FPDFPage_CountObjects(page)):
                obj = raw.FPDFPage_GetObject(page, o)
                if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                    for s in range(raw.FPDFPath_CountSegments(obj)):
                        raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, s), x, y)
            raw.FPDFText_ClosePage(text)
            raw.FPDF_ClosePage(page)
    finally:
        pdf.close()
    return pages


def floor_pdf(path: Path) -> None:
    pdfium_walk(path)


FLOORS: dict[str, Callable[[Path], None]] = {
    "docx": floor_docx,
    "html": floor_html,
    "text": floor_text,
    "pdf": floor_pdf,
}


def _timed(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """The best of ``repeat`` timings, and what the last call returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def in_process(files: list[Path]) -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(ROOT))
    from linter.run.check import check_file

    for f in files[:20]:
        check_file(f)  # warm-up: imports, compiled rule sets, caches
    by_format: dict[str, dict[str, list[float]]] = {}
    for f in files:
        kind = FORMATS[f.suffix.lower()]
        entry = by_format.setdefault(kind, {"check": [], "floor": [], "ratio": [], "unread": []})
        try:
            floor = _timed(lambda: FLOORS[kind](f))[0]  # noqa: B023 - called at once
        except ImportError:
            continue  # e.g. a PDF library that is not installed
        except Exception as exc:
            entry["unread"].append(f"{f.name}: floor {type(exc).__name__}")
            continue
        check, result = _timed(lambda: check_file(f))  # noqa: B023 - called at once
        error = getattr(result, "error", None)
        if error is not None:  # a file the check could not read is fast for the wrong reason:
            entry["unread"].append(f"{f.name}: {error.code}")  # counted, not timed
            continue
        entry["check"].append(check)
        entry["floor"].append(floor)
        entry["ratio"].append(check / floor if floor else 0.0)
    out: dict[str, dict[str, float]] = {}
    for kind, e in sorted(by_format.items()):
        if not e["check"]:
            out[kind] = {"files": 0, "unread": len(e["unread"]), "unread_examples": e["unread"][:5]}
            continue
        check_sorted = sorted(e["check"])
        out[kind] = {
            "files": len(e["check"]),
            "unread": len(e["unread"]),
            "unread_examples": e["unread"][:5],
            "check_median_ms": 1000 * statistics.median(e["check"]),
            "check_p95_ms": 1000 * check_sorted[min(len(check_sorted) - 1, int(0.95 * len(check_sorted)))],
            "floor_median_ms": 1000 * statistics.median(e["floor"]),
            "floor_total_s": sum(e["floor"]),
            "ratio_median": statistics.median(e["ratio"]),
        }
    return out


def pdf_in_process(files: list[Path]) -> dict[str, float]:
    """The PDF check against PDFium's bare walk of the same files, per report and per page."""
    from linter.run.check import check_file

    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    checks: list[float] = []
    walks: list[float] = []
    pages: list[int] = []
    for f in pdfs:
        walk, n = _timed(lambda: pdfium_walk(f))  # noqa: B023 - called at once
        check, result = _timed(lambda: check_file(f))  # noqa: B023
        if getattr(result, "error", None) is not None:
            continue
        checks.append(check)
        walks.append(walk)
        pages.append(int(n))  # type: ignore[call-overload]
    if not checks:
        return {"files": 0}
    per_page_check = [c / p for c, p in zip(checks, pages)]
    per_page_walk = [w / p for w, p in zip(walks, pages)]
    return {
        "files": len(checks),
        "pages": sum(pages),
        "check_median_ms": 1000 * statistics.median(checks),
        "walk_median_ms": 1000 * statistics.median(walks),
        "ratio_median": statistics.median(c / w for c, w in zip(checks, walks)),
        "check_per_page_ms": 1000 * statistics.median(per_page_check),
        "walk_per_page_ms": 1000 * statistics.median(per_page_walk),
    }


def pdf_processes(files: list[Path], folder: Path) -> dict[str, float]:
    """Whole processes over the same PDFs: ``reportlint check --jobs 1`` against one Python
    process that imports pypdfium2 and walks every file (best of two runs each)."""
    pdfs = sorted(f for f in files if f.suffix.lower() == ".pdf")
    if not pdfs:
        return {"files": 0}
    only = folder / "pdf-only"
    only.mkdir(parents=True, exist_ok=True)
    for f in pdfs:
        shutil.copyfile(f, only / f.name)
    check = [
        *_reportlint(),
        "check",
        "--no-progress",
        "--no-pairing",
        "--jobs",
        "1",
        "--format",
        "json",
        "--output",
        os.devnull,
        str(only),
    ]
    walk = [sys.executable, str(Path(__file__).resolve()), "--pdf-walk", str(only)]

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(2):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            times.append(time.perf_counter() - t)
        return min(times)

    check_s, walk_s = best(check), best(walk)
    return {"files": len(pdfs), "check_s": check_s, "walk_s": walk_s, "ratio": check_s / walk_s}


# ---- whole processes ---------------------------------------------------------------------------


def _reportlint() -> list[str]:
    exe = shutil.which("reportlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "linter"]


def _tree_peak_mb(pid: int) -> float:
    """The largest VmHWM (MB) of ``pid`` and its descendants now; 0 without Linux's /proc."""
    peak, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                peak = max([peak] + [int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:")])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue  # gone meanwhile, or no /proc
    return peak


def _rss_of(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process of the run), via a fresh measuring child.

    The child's RUSAGE_CHILDREN covers the processes it reaps, which leaves out the checking
    processes (children of multiprocessing's forkserver, never reaped into this tree), so their
    VmHWM is also sampled every 20 ms where /proc exists (Linux)."""
    probe = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    child = subprocess.Popen([sys.executable, "-c", probe, *cmd], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    sampled = 0.0
    while child.poll() is None:
        sampled = max(sampled, _tree_peak_mb(child.pid))
        time.sleep(0.02)
    out = child.communicate()[0].split()
    return float(out[0]), max(float(out[1]) / 1024, sampled)


def batch(folder: Path, jobs: int, count: int) -> dict[str, float]:
    seconds, rss = _rss_of(
        [
            *_reportlint(),
            "check",
            "--no-progress",
            "--no-pairing",
            "--jobs",
            str(jobs),
            "--format",
            "json",
            "--output",
            os.devnull,
            str(folder),
        ]
    )
    return {"jobs": jobs, "seconds": seconds, "reports_per_s": count / seconds, "peak_rss_mb": rss}


def _byte_compile_package() -> None:
    """What pip does when it installs reportlint: byte-compile it. A checkout or an editable
    install has no .pyc files, and where PYTHONDONTWRITEBYTECODE is set (as on the machines this
    benchmark was written on) Python never caches them, so every 'cold start' would measure
    compiling ~60 modules (about 0.2 s) instead of starting."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("linter")  # the installed copy, if it is not this checkout
    dirs = {ROOT / "linter"} | ({Path(spec.origin).parent} if spec and spec.origin else set())
    for d in sorted(dirs):
        compileall.compile_dir(str(d), quiet=1)


def cold(args: list[str], repeat: int = 5) -> float:
    _byte_compile_package()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([*_reportlint(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000, help="reports to generate (default 1000)")
    ap.add_argument("--corpus", type=Path, help="benchmark this folder instead of a generated corpus")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    ap.add_argument("--skip-batch", action="store_true", help="in-process figures only")
    ap.add_argument("--formats", help="generate only these formats, comma-separated (docx,html,pdf,text)")
    ap.add_argument("--pdf-walk", type=Path, help=argparse.SUPPRESS)  # the bare walk as its own process
    ap.add_argument("--generate", type=Path, help=argparse.SUPPRESS)  # write the corpus, as its own process
    args = ap.parse_args(argv)
    formats = set(args.formats.split(",")) if args.formats else None
    if args.pdf_walk:
        for f in sorted(args.pdf_walk.glob("*.pdf")):
            pdfium_walk(f)
        return 0
    if args.generate:
        generate(args.count, args.generate, formats)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        if args.corpus:
            files = sorted(f for f in args.corpus.rglob("*") if f.suffix.lower() in FORMATS)
            folder = args.corpus
        else:
            # Written by a child process: this one then measures with the heap it would have with
            # --corpus, not one holding the freed remains of a thousand rewritten documents.
            folder = tmp / "corpus"
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--generate",
                    str(folder),
                    "--count",
                    str(args.count),
                    *(["--formats", args.formats] if args.formats else []),
                ],
                check=True,
            )
            files = sorted(f for f in folder.iterdir() if f.suffix.lower() in FORMATS)
        results: dict[str, object] = {"count": len(files), "python": sys.version.split()[0], "cpus": os.cpu_count()}
        results["per_format"] = in_process(files)
        pdfs = files if args.corpus else sorted(f for d in PDF_SEEDS if d.is_dir() for f in d.glob("*.pdf"))
        if args.formats is None or "pdf" in args.formats:
            results["pdf"] = pdf_in_process(pdfs)
            if not args.skip_batch:
                results["pdf_processes"] = pdf_processes(pdfs, tmp)
        if not args.skip_batch:
            results["batch"] = [batch(folder, 1, len(files)), batch(folder, 2, len(files))]
            quarter = tmp / "quarter"
            quarter.mkdir()
            for f in files[: max(1, len(files) // 4)]:
                shutil.copyfile(f, quarter / f.name)
            results["batch_quarter"] = batch(quarter, 2, max(1, len(files) // 4))
            docx = next((f for f in files if f.suffix == ".docx"), None)
            results["cold_check_one_docx_s"] = cold(["check", str(docx)]) if docx else None
            results["cold_version_s"] = cold(["--version"])
        report(results)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(r: dict) -> None:
    print(f"reportlint benchmark: {r['count']} reports, Python {r['python']}, {r['cpus']} CPUs\n")
    print(f"{'format':<6} {'files':>5} {'check med':>10} {'check p95':>10} {'floor med':>10} {'check/floor':>12}")
    for kind, e in r["per_format"].items():
        if e.get("unread"):
            print(
                f"{kind:<6} {e['unread']:>5} files NOT READ by the check (left out of the figures), e.g. "
                + "; ".join(e["unread_examples"])
            )
        if not e["files"]:
            continue
        print(
            f"{kind:<6} {e['files']:>5} {e['check_median_ms']:>8.1f}ms {e['check_p95_ms']:>8.1f}ms "
            f"{e['floor_median_ms']:>8.1f}ms {e['ratio_median']:>11.2f}x"
        )
    p = r.get("pdf", {})
    if p.get("files"):
        print(
            f"pdf: {p['files']} reports, {p['pages']} pages: check {p['check_median_ms']:.1f} ms, PDFium's bare "
            f"text-and-object walk {p['walk_median_ms']:.1f} ms a report (median), {p['ratio_median']:.2f}x; "
            f"per page {p['check_per_page_ms']:.1f} / {p['walk_per_page_ms']:.1f} ms"
        )
    q = r.get("pdf_processes", {})
    if q.get("files"):
        print(
            f"pdf, whole processes over {q['files']} reports: reportlint check --jobs 1 {q['check_s']:.2f} s, "
            f"bare walk {q['walk_s']:.2f} s, {q['ratio']:.2f}x"
        )
    for b in r.get("batch", []):
        print(
            f"batch --jobs {b['jobs']}: {b['reports_per_s']:.1f} reports/s ({b['seconds']:.1f} s), "
            f"peak RSS {b['peak_rss_mb']:.0f} MB"
        )
    docx = r["per_format"].get("docx", {})
    if r.get("batch") and set(r["per_format"]) == {"docx"} and docx.get("files") == r["count"]:
        whole = r["batch"][0]["seconds"]
        print(
            f"docx, whole processes: reportlint check --jobs 1 {whole:.2f} s, the floor of the same files "
            f"(unzip + parse of document.xml, one process) {docx['floor_total_s']:.2f} s, "
            f"{whole / docx['floor_total_s']:.2f}x"
        )
    if "batch_quarter" in r:
        q = r["batch_quarter"]
        print(f"batch of a quarter (--jobs 2): peak RSS {q['peak_rss_mb']:.0f} MB (memory vs batch size)")
    if r.get("cold_check_one_docx_s") is not None:
        print(
            f"cold start: reportlint check one.docx {r['cold_check_one_docx_s']:.3f} s, "
            f"reportlint --version {r['cold_version_s']:.3f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
