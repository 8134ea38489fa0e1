"""One catalogue of every message a user reads (key -> Chinese and English), and its formatting.

Texts are looked up by key and language with ``t``; a text's parameters may themselves be
messages (``Msg``) or lists (``Listing``), rendered in the same language, so that no caller
chooses words by language. Rule messages live in the rule files, keyed the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Protocol

from linter.i18n import annotate, checks, config, errors, help, office, reports, ruleset, run, serve

LANGS = ("zh", "en")


def _merge(*parts: Mapping[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for part in parts:
        for key, entry in part.items():
            if key in out:
                raise ValueError(f"message key {key} defined twice")
            out[key] = entry
    return out


CATALOGUE: dict[str, dict[str, str]] = _merge(
    run.MESSAGES,
    help.MESSAGES,
    checks.MESSAGES,
    office.MESSAGES,
    serve.MESSAGES,
    annotate.MESSAGES,
    reports.MESSAGES,
    errors.MESSAGES,
    config.MESSAGES,
    ruleset.MESSAGES,
)


class Localized(Protocol):
    def render(self, lang: str) -> str: ...


def rendered(value: object, lang: str) -> object:
    """A parameter as it is written in ``lang``: messages and lists rendered, anything else as is."""
    render = getattr(value, "render", None)
    return render(lang) if callable(render) else value


def t(key: str, lang: str, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` (English for a language the catalogue does not have)."""
    entry = CATALOGUE[key]
    return entry.get(lang, entry["en"]).format(**{k: rendered(v, lang) for k, v in params.items()})


def fill(template: str, lang: str, params: Mapping[str, object]) -> str:
    """A template from outside the catalogue (a rule's message) with its parameters written in
    ``lang``; a template naming a parameter it is not given is left as it is."""
    try:
        return template.format(**{k: rendered(v, lang) for k, v in params.items()})
    except (KeyError, IndexError):
        return template


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every text whose key starts with ``prefix``, by the rest of its key, in catalogue order."""
    return {k[len(prefix) :]: e.get(lang, e["en"]) for k, e in CATALOGUE.items() if k.startswith(prefix)}


@dataclass(frozen=True)
class Msg:
    """A message to be written in the reader's language later: a catalogue key and its parameters."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> "Msg":
        return cls(key, tuple(params.items()))

    def render(self, lang: str) -> str:
        return t(self.key, lang, **dict(self.params))

    def __str__(self) -> str:  # the English text, as an exception's own message is
        return self.render("en")


def join(
    items: Iterable[object], lang: str, *, last: bool = False, limit: Optional[int] = None, sep: str = "list.sep"
) -> str:
    """A list as the language writes it: 「甲、乙、丙」 or ``a, b, c``. ``last`` joins the final item
    with 「和」/``and``; ``limit`` keeps that many items and closes with 「等N项」/``and N more``;
    ``sep`` is the key of another separator (「；」 for clauses: ``sum.list``)."""
    words = [str(rendered(x, lang)) for x in items]
    more = len(words) - limit if limit is not None and len(words) > limit else 0
    if more:
        words = words[:limit]
    between = t(sep, lang)
    if last and not more and len(words) > 1:
        text = between.join(words[:-1]) + t("list.and", lang) + words[-1]
    else:
        text = between.join(words)
    return text + t("list.more", lang, n=more) if more else text


@dataclass(frozen=True)
class Listing:
    """A list rendered later in the reader's language (see ``join``)."""

    items: tuple[object, ...]
    last: bool = False
    limit: Optional[int] = None
    sep: str = "list.sep"

    def render(self, lang: str) -> str:
        return join(self.items, lang, last=self.last, limit=self.limit, sep=self.sep)

    def __str__(self) -> str:  # the English text, as an exception's own message is
        return self.render("en")


@dataclass(frozen=True)
class Translated:
    """A text that data outside the catalogue gives in both languages (a rule file's ``what`` and
    ``what_en``, a rule's message template), or one text for both (``same``)."""

    zh: str
    en: str

    @classmethod
    def same(cls, text: str) -> "Translated":
        return cls(text, text)

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:  # the English text, as an exception's own message is
        return self.render("en")


@dataclass(frozen=True)
class English:
    """A text only English has (the system's or a library's own words for an error reportlint has
    no words for): English output gives it, other languages say ``elsewhere``."""

    text: str
    elsewhere: Msg

    def render(self, lang: str) -> str:
        return self.text if lang == "en" else self.elsewhere.render(lang)

    def __str__(self) -> str:  # the English text, as an exception's own message is
        return self.render("en")


@dataclass(frozen=True)
class Formatted:
    """A template given in both languages outside the catalogue, filled in the reader's language."""

    template: Translated
    params: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        return fill(self.template.render(lang), lang, dict(self.params))

    def __str__(self) -> str:  # the English text, as an exception's own message is
        return self.render("en")


def display_width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
