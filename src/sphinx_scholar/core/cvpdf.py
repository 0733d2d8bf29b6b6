"""The CV typeset as a PDF by Typst (the ``typst`` package on PyPI).

Why Typst: it is a real typesetter (line breaking, kerning, hyphenation, links,
embedded subset fonts, tagged PDF) shipped as one wheel with the compiler and its
default fonts inside, so ``pip install`` alone gives an offline, reproducible
build. WeasyPrint needs Pango and fonts from the system (Debian packages, and output
that varies with them); RenderCV drives Typst too, but only from its own YAML model: a
second data model to keep in step with ours, for no gain in typesetting.

The data reaches the template as JSON through ``sys.inputs``, never as generated
markup: a Typst string is shown as text, so ``#``, ``$``, ``*``, ``]`` or ``\\`` in a
title or name can neither break the compilation nor inject markup (no escaping code
of our own to get wrong). System fonts are ignored and the document date is unset,
so the same sources give the same bytes on every machine.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import asdict
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from .cv import CvDocument
from .urls import is_safe

TEMPLATE = "cv.typ"
#: Typst's bundled fonts the template uses (text, and the fallback for symbols).
FONTS = ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono")


class CvPdfUnavailable(RuntimeError):
    """The optional ``typst`` package is not installed."""


def _url(value: str) -> str:
    """Only links a page may carry (http(s), mailto) go into the PDF."""
    absolute = value.startswith(("http://", "https://", "mailto:"))
    return value if absolute and is_safe(value) else ""


def typst_data(
    doc: CvDocument, site: str = "", paper: str = "a4", language: str = "en"
) -> dict[str, Any]:
    """The JSON the template reads: strings, lists and null only."""
    profile = asdict(doc.profile)
    profile["affiliation_url"] = _url(profile["affiliation_url"])
    profile["links"] = [[label, _url(url)] for label, url in doc.profile.links if _url(url)]
    sections = []
    for section in doc.sections:
        groups = []
        for group in section.groups:
            papers = [
                {
                    "title": p.title,
                    "url": _url(p.url),
                    "authors": [
                        {
                            "name": a.name,
                            "owner": a.owner,
                            "marks": "".join(a.marks),
                            "others": a.others,
                        }
                        for a in p.authors
                    ],
                    "venue": p.venue,
                    "year": str(p.year) if p.year else "",
                    "awards": list(p.awards),
                    "number": p.number,
                }
                for p in group.papers
            ]
            entries = [
                {
                    "when": e.when,
                    "title": e.title,
                    "detail": e.detail,
                    "url": _url(e.url),
                    "note": e.note,
                    "links": [[label, _url(url)] for label, url in e.links if _url(url)],
                }
                for e in group.entries
            ]
            groups.append({"title": group.title, "papers": papers, "entries": entries})
        sections.append(
            {"title": section.title, "paragraphs": list(section.paragraphs), "groups": groups}
        )
    name = doc.profile.name
    return {
        "title": f"{name} – CV" if name else "CV",
        "paper": paper,
        "profile": profile,
        "site": _url(site),
        "site_label": site.split("://", 1)[-1].rstrip("/"),
        "sections": sections,
        "legend": [[mark, meaning] for mark, meaning in doc.legend],
        # Typst's text language (hyphenation, quotes): the ISO 639 code, "zh" of "zh_CN"
        "lang": re.split(r"[-_]", language or "en")[0].lower() or "en",
    }


def data_json(doc: CvDocument, site: str = "", language: str = "en") -> str:
    """The template's input, canonical (sorted keys), so equal CVs give equal strings."""
    data = typst_data(doc, site, language=language)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


#: Han, kana and Hangul: the fonts inside the typst wheel have none of them
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def needs_system_fonts(data: str) -> bool:
    """Whether the CV has text only an installed font can draw (a Chinese, Japanese or
    Korean CV, or names in those scripts): then Typst may fall back to the system's fonts,
    which otherwise it ignores so that every machine typesets the same PDF."""
    return bool(_CJK.search(data))


def template_text() -> str:
    return resources.files("sphinx_scholar").joinpath("templates", TEMPLATE).read_text("utf-8")


def compile_pdf(data: str) -> bytes:
    """The PDF of :func:`data_json`'s output. Raises :class:`CvPdfUnavailable`."""
    try:
        import typst
    except ImportError as error:  # the optional extra: pip install sphinx-scholar[cv]
        raise CvPdfUnavailable(
            "the CV PDF needs the 'typst' package: pip install 'sphinx-scholar[cv]'"
        ) from error
    compiler = typst.Compiler(
        template_text().encode("utf-8"),
        ignore_system_fonts=not needs_system_fonts(data),
        sys_inputs={"data": data},
    )
    result = compiler.compile(format="pdf")
    assert isinstance(result, bytes)
    return result


def is_pdf_path(name: str) -> bool:
    """A relative ``.pdf`` path that stays inside the site (no ``..``, not absolute)."""
    path = PurePosixPath(name.replace("\\", "/"))
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and path.suffix.lower() == ".pdf"
    )


def typst_installed() -> bool:
    return importlib.util.find_spec("typst") is not None


def typst_version() -> str:
    """Part of the PDF's input digest: a new compiler may typeset differently."""
    try:
        import typst
    except ImportError:
        return ""
    return str(getattr(typst, "__version__", ""))
