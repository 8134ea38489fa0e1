"""The message catalogue: every key in both languages with the same placeholders, lists written as
each language writes them, and no message chosen by language outside the catalogue."""

from __future__ import annotations

import pickle
import re
import string

import pytest

from linter.i18n import CATALOGUE, LANGS, Listing, Msg, join, section, t
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from linter.verdict import VERDICTS
from tests.conftest import ROOT


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_and_the_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), key
    assert all(isinstance(entry[lang], str) and entry[lang] for lang in LANGS), key
    assert placeholders(entry["zh"]) == placeholders(entry["en"]), key


def test_the_catalogue_is_large_and_its_parts_do_not_overlap() -> None:
    from linter.i18n import _merge

    assert len(CATALOGUE) > 350
    with pytest.raises(ValueError, match=r"list\.sep defined twice"):
        _merge({"list.sep": {"zh": "、", "en": ", "}}, {"list.sep": {"zh": "，", "en": ", "}})


def test_a_text_in_each_language() -> None:
    assert t("verdict.failed", "zh") == "不通过" and t("verdict.failed", "en") == "failed"
    assert t("written", "zh", path="a.xlsx") == "已写入 a.xlsx" and t("written", "en", path="a.xlsx") == "wrote a.xlsx"
    assert t("verdict.failed", "fr") == "failed"  # a language the catalogue lacks: English
    with pytest.raises(KeyError):
        t("no.such.key", "zh")


def test_lists_are_joined_as_each_language_writes_them() -> None:
    items = ["甲", "乙", "丙"]
    assert join(items, "zh") == "甲、乙、丙" and join(items, "en") == "甲, 乙, 丙"
    assert join(items, "zh", last=True) == "甲、乙和丙" and join(items, "en", last=True) == "甲, 乙 and 丙"
    assert join(["甲"], "zh", last=True) == "甲" and join([], "en") == ""
    assert join(items, "zh", limit=2) == "甲、乙等1项" and join(items, "en", limit=2) == "甲, 乙 and 1 more"
    assert join(items, "zh", limit=3) == "甲、乙、丙"
    assert join([1, 2], "en") == "1, 2"


def test_parameters_that_are_messages_or_lists_are_rendered_in_the_same_language() -> None:
    word = Msg.of("verdict.failed")
    assert t("written", "zh", path=word) == "已写入 不通过" and t("written", "en", path=word) == "wrote failed"
    listing = Listing(("a", Msg.of("verdict.passed")), last=True)
    assert listing.render("zh") == "a和通过" and listing.render("en") == "a and passed"
    assert t("written", "en", path=listing) == "wrote a and passed"
    # Messages travel between processes and serve as keys.
    assert pickle.loads(pickle.dumps(listing)) == listing and hash(Msg.of("written", path="x"))
    assert str(Msg.of("written", path="x")) == "wrote x" and str(listing) == "a and passed"  # str: English


def test_a_section_keeps_the_catalogue_order() -> None:
    serve = section("serve.", "en")
    assert list(serve)[:2] == ["not_multipart", "bad_multipart"] and serve["kit_name"] == "send-back.zip"
    assert section("serve.", "zh")["kit_name"] == "退回文件.zip"


# A message chosen by language (``x if lang == "zh" else y``), a text's two languages carried side
# by side (``.zh``, ``.en``) or passed as parameter pairs (``cells_en``): the catalogue's business.
LANG_BRANCH = re.compile(r"""\w*lang\w*\s*[!=]=\s*["'](?:zh|en)["']|["'](?:zh|en)["']\s*[!=]=\s*\w*lang""", re.I)
PAIRED = re.compile(r"""["']\w+_en["']\s*:|\b\w+_en\s*=(?!=)|\.(?:zh|en)\b""")


def test_no_language_branches_or_paired_texts_outside_the_catalogue() -> None:
    assert LANG_BRANCH.search('text = zh if lang == "zh" else en') and LANG_BRANCH.search("if HELP_LANG != 'en':")
    assert PAIRED.search('{"cells": a, "cells_en": b}') and PAIRED.search("f(arithmetic_en=x)")
    assert PAIRED.search("detail.zh") and not PAIRED.search('quote.get("what_en", quote["what"])')
    package = ROOT / "linter"
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if not path.is_relative_to(package / "i18n")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LANG_BRANCH.search(line) or PAIRED.search(line)
    ]
    assert hits == []


# A key written out in the code: t("key", ...), Msg.of("key", ...); a key built from a prefix:
# t("prefix." + name, ...), section("prefix.").
KEY_USE = re.compile(r"""\b(?P<fn>t|Msg\.of|section)\(\s*(?P<q>["'])(?P<key>[^"'{}]+)(?P=q)\s*(?P<plus>\+)?""")


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    package = ROOT / "linter"
    missing, used = [], 0
    for path in sorted(package.rglob("*.py")):
        for m in KEY_USE.finditer(path.read_text(encoding="utf-8")):
            key, used = m["key"], used + 1
            prefix = m["plus"] or m["fn"] == "section"
            known = any(k.startswith(key) for k in CATALOGUE) if prefix else key in CATALOGUE
            if not known:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert used > 300 and missing == []


def test_every_key_built_from_a_name_is_in_the_catalogue() -> None:
    """The keys the code builds: reading errors, OS and zip errors, kinds of skipped files, output
    roles, configuration types, .doc structures, value kinds."""
    from linter.config.configuration import _TYPES
    from linter.errors import _OS_ERRORS, _ZIP_ERRORS, INPUT_ERRORS
    from linter.run.discover import _KINDS
    from linter.run.outputs import _ROLES

    keys = [f"input.{c}" for c in INPUT_ERRORS] + [f"os.{n}" for n in _OS_ERRORS.values()]
    keys += [key for _, key in _ZIP_ERRORS] + [f"detail.discover.kind.{k}" for k in (*_KINDS.values(), "other")]
    keys += [f"error.write.role.{r}" for r in _ROLES] + [f"config.type.{name}" for name in _TYPES]
    keys += [f"config.{v}" for v in ("minimum", "exclusiveMinimum", "maximum")]
    keys += [f"special.{k}" for k in ("fifo", "socket", "folder", "device")]
    keys += [f"annotate.{s}" for s in ("error", "warning", "info")] + [f"verdict.{v}" for v in VERDICTS]
    doc = ROOT / "linter" / "readers" / "doc"
    named = re.compile(r"""(?:part|_bin_table)\([^"'\n]*["'](\w+)["']""")
    parts = {m for p in doc.glob("*.py") for m in named.findall(p.read_text(encoding="utf-8"))}
    assert {"pieces", "text_piece", "styles", "papx_bins"} <= parts
    keys += [f"detail.doc.part.{p}" for p in parts]
    kinds = {c.value for e in builtin_editions() for t2 in builtin_ruleset(e).tables.values() for c in t2.columns}
    keys += [f"words.kind.{k}" for k in kinds | {"count"} if k]
    assert [k for k in keys if k not in CATALOGUE] == []
