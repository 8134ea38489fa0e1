"""A web page's report title: found past the portal's breadcrumb, or in the page's chrome
(<title>, a dump's 「标题:」) when the body has none, so that one body's years pair in a batch."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linter.cli import main
from linter.readers import read_document
from linter.recognise.metadata import identify
from tests.conftest import ROOT

CORPUS = ROOT / "fixtures" / "corpus"


def test_the_breadcrumb_before_the_title_is_not_the_body() -> None:
    title = identify(read_document(CORPUS / "2021_pingtan_zhqsyq.txt")).title
    assert title is not None and (title.body, title.year) == ("平潭综合实验区", 2021)


def test_the_page_title_stands_in_for_a_body_without_one() -> None:
    doc = read_document(CORPUS / "2022_pingtan_zhqsyq.txt")
    title = identify(doc).title
    assert title is not None and (title.body, title.year) == ("平潭综合实验区", 2022)
    assert dict(doc.metadata)["标题"] == title.text


def test_consecutive_portal_pages_pair() -> None:
    out = (
        CliRunner()
        .invoke(
            main,
            [
                "check",
                "--format",
                "json",
                str(CORPUS / "2021_pingtan_zhqsyq.txt"),
                str(CORPUS / "2022_pingtan_zhqsyq.txt"),
            ],
        )
        .output
    )
    later = json.loads(out)["files"][1]
    assert later["pairing"]["status"] == "paired"
    assert later["pairing"]["previous"].endswith("2021_pingtan_zhqsyq.txt")
