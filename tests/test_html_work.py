"""The HTML reader's shortcuts: its work grows linearly with the page, counted rather
than timed, and each native shortcut gives what a plain Python walk of the tree gives."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import FrameType
from typing import Callable

import pytest
from lxml import etree

from linter.config.limits import Limits
from linter.model import Table
from linter.readers import html as reader

from tests.conftest import ROOT

FIXTURES = sorted((ROOT / "fixtures" / "html").glob("*.html"))
PARSER = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True, default_doctype=False)


def portal(rows: int) -> str:
    """A portal page: navigation, breadcrumbs, a report with a table of ``rows`` rows (row spans,
    <br> and paragraphs in cells, links), a footer."""
    body = "".join(
        f"<tr><td rowspan='{2 if i % 5 == 0 else 1}'>项目{i}</td><td><a href='#r{i}'>{i}</a></td>"
        f"<td><p>{i * 2}</p>件<br>合计</td></tr>"
        for i in range(rows)
    )
    return (
        "<html><head><title>年度报告</title><script>var a = 1;</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/gk'>信息公开</a></div>"
        "<div class='weizhi'>当前位置：首页 &gt; 年报</div><div id='content'>"
        "<h1>某区2021年度政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度，<b>我区</b>持续推进。</p>"
        f"<table><tbody>{body}</tbody></table><p>五、存在的主要问题</p></div>"
        "<div class='footer'>版权所有 ICP备12345号<script>track()</script></div></body></html>"
    )


def samples(tmp_path: Path) -> list[Path]:
    page = tmp_path / "portal.html"
    page.write_text(portal(40), encoding="utf-8")
    return [*FIXTURES, page]


def trees(tmp_path: Path) -> list[etree._Element]:
    return [etree.fromstring(p.read_bytes(), PARSER) for p in samples(tmp_path)]


def work(path: Path) -> tuple[int, int]:
    """Python lines run (loop rounds included) while reading ``path``, and characters read natively."""
    steps = 0
    chars = 0
    inner_text: Callable[[etree._Element], str] = reader._inner_text

    def counted(el: etree._Element) -> str:
        nonlocal chars
        text = inner_text(el)
        chars += len(text)
        return text

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal steps
        steps += 1
        return trace

    reader._inner_text = counted  # type: ignore[assignment]
    before = sys.gettrace()
    sys.settrace(trace)
    try:
        reader.read_html(path, Limits())
    finally:
        sys.settrace(before)
        reader._inner_text = inner_text  # type: ignore[assignment]
    return steps, chars


def test_work_is_linear_in_the_rows_of_a_table(tmp_path: Path) -> None:
    small, large = tmp_path / "1000.html", tmp_path / "5000.html"
    small.write_text(portal(1000), encoding="utf-8")
    large.write_text(portal(5000), encoding="utf-8")
    (steps_small, chars_small), (steps_large, chars_large) = work(small), work(large)
    assert steps_large <= 5.2 * steps_small  # five times the rows: quadratic work would be 25 times
    text_small, text_large = (len(reader._inner_text(etree.fromstring(portal(n), PARSER))) for n in (1000, 5000))
    assert chars_large / text_large <= 1.1 * chars_small / text_small
    assert chars_large <= 10 * text_large  # each text read natively a few times (about 8 here)


def test_a_portal_page_is_read_without_its_chrome(tmp_path: Path) -> None:
    path = tmp_path / "portal.html"
    path.write_text(portal(3), encoding="utf-8")  # all on one line: columns count the tags before
    doc = reader.read_html(path, Limits())
    assert [p.text for p in doc.paragraphs()] == [
        "某区2021年度政府信息公开工作年度报告",
        "一、总体情况",
        "本年度，我区持续推进。",
        "五、存在的主要问题",
    ]
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[c.text if c else None for c in row] for row in table.rows] == [
        ["项目0", "0", "0\n件\n合计", None],
        ["项目0", "项目1", "1", "2\n件\n合计"],
        ["项目2", "2", "4\n件\n合计", None],
    ]
    cell = table.rows[1][2]
    assert (cell.line, cell.column, cell.phys_row, cell.phys_col) == (1, 389, 2, 2)
    assert cell.xpath == "/html/body/div[3]/table/tbody/tr[2]/td[2]"
    assert cell.selector == "body > div:nth-of-type(3) > table > tbody > tr:nth-of-type(2) > td:nth-of-type(2)"


def test_inner_text_is_lxml_html_text_content(tmp_path: Path) -> None:
    from lxml import html

    for path in samples(tmp_path):
        root = html.document_fromstring(path.read_bytes())
        assert all(reader._inner_text(el) == el.text_content() for el in root.iter() if isinstance(el.tag, str))


def test_paths_are_libxml2s_and_selectors_start_at_body(tmp_path: Path) -> None:
    for root in trees(tmp_path):
        paths = reader.Paths()
        tree = root.getroottree()
        for el in reversed([e for e in root.iter() if isinstance(e.tag, str)]):  # children before parents
            xpath, selector = paths.of(el)
            assert xpath == tree.getpath(el)
            steps = xpath.split("/")[1:]
            names = [re.sub(r"\[\d+\]$", "", s) for s in steps]
            steps = steps[names.index("body") :] if "body" in names else steps
            assert selector == " > ".join(re.sub(r"\[(\d+)\]$", r":nth-of-type(\1)", s) for s in steps)


def bottom_up(root: etree._Element, skip: set[etree._Element]) -> tuple[dict, dict]:
    """Visible-text and link-text lengths of every element by one plain bottom-up pass."""
    text: dict[etree._Element, int] = {}
    links: dict[etree._Element, int] = {}

    def visible(s: str | None) -> int:
        return sum(not ch.isspace() for ch in s or "")

    for el in reversed([e for e in root.iter() if isinstance(e.tag, str)]):
        kept = [c for c in el if isinstance(c.tag, str) and c not in skip]
        text[el] = visible(el.text) + sum(text[c] for c in kept) + sum(visible(c.tail) for c in el)
        links[el] = text[el] if el.tag == "a" else sum(links[c] for c in kept)
    return text, links


def test_measure_is_a_bottom_up_count(tmp_path: Path) -> None:
    for root in trees(tmp_path):
        body = next(root.iterchildren("body"))
        drop = set(body.iter(*reader._DROP))
        for skip in (drop, reader.chrome(body, reader._Facts.of(root))):
            measure = reader._Measure(body, skip)
            text, links = bottom_up(body, skip)
            elements = list(text)
            assert [measure.text(e) for e in elements] == [text[e] for e in elements]
            assert [measure.links(e) for e in elements] == [links[e] for e in elements]


@pytest.mark.parametrize("index", range(len(FIXTURES) + 1))
def test_cell_text_is_the_plain_walks(tmp_path: Path, index: int) -> None:
    root = trees(tmp_path)[index]
    facts = reader._Facts.of(root)

    def walk(el: etree._Element, top: bool) -> str:
        block = not top and (el.tag in reader.BLOCK_TAGS or el.tag == "br")
        parts = ["\n" if block else "", el.text or ""]
        for child in el:
            parts.append(walk(child, False) if isinstance(child.tag, str) else "")
            parts.append(child.tail or "")
        parts.append("\n" if block and el.tag != "br" else "")
        return "".join(parts)

    for td in root.iter("td", "th"):
        lines = [re.sub(r"[ \t\n\r\f]+", " ", line).strip() for line in walk(td, True).split("\n")]
        assert reader.cell_text(td, facts) == "\n".join(line for line in lines if line)
