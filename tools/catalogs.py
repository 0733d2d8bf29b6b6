"""Refresh the interface's message catalogs: ``python tools/catalogs.py``.

Extracts every ``_("…")`` and ``N_("…")`` of the package into
``locale/sphinx_scholar.pot``, merges it into each language's ``.po`` (new messages
empty, gone ones dropped) and compiles the ``.mo`` files Sphinx reads. Translators
edit the ``.po`` files; tests/test_i18n.py fails when any step is out of date.
"""

from __future__ import annotations

import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sphinx_scholar"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_scholar"
LANGUAGES = ("de", "es", "fr", "ja", "ko", "pt_BR", "zh_CN")
KEYWORDS = {"_": None, "N_": None}


_STAMPS = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)


def _write_po(path: Path, catalog: Catalog, **options: object) -> bool:
    """Write only a real change: a run that changes no message leaves every file alone."""
    out = BytesIO()
    write_po(out, catalog, no_location=True, sort_output=True, width=100, **options)
    new = out.getvalue()
    if path.exists() and _STAMPS.sub(b"", path.read_bytes()) == _STAMPS.sub(b"", new):
        return False
    path.write_bytes(new)
    return True


def _describe(catalog: Catalog, language: str | None) -> Catalog:
    """The header every catalog carries, whoever edited it last."""
    catalog.project = "sphinx-scholar"
    catalog.copyright_holder = "sphinx-scholar developers"
    catalog.msgid_bugs_address = "https://github.com/sphinx-scholar/sphinx-scholar/issues"
    catalog.last_translator = "sphinx-scholar developers"
    catalog.language_team = language or ""
    what = f"{language} translations" if language else "Translations template"
    catalog.header_comment = (
        f"# {what} for sphinx-scholar's interface (edit, then run tools/catalogs.py).\n"
        "# This file is distributed under the same license as sphinx-scholar (MIT)."
    )
    return catalog


def template() -> Catalog:
    catalog = _describe(Catalog(project="sphinx-scholar", domain=DOMAIN), None)
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def refresh() -> None:
    pot = template()
    LOCALE.mkdir(parents=True, exist_ok=True)
    _write_po(LOCALE / f"{DOMAIN}.pot", pot)
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with open(path, "rb") as source:
                catalog = read_po(source, locale=language, domain=DOMAIN)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, domain=DOMAIN, project="sphinx-scholar")
        catalog.update(pot, no_fuzzy_matching=True)
        _describe(catalog, language)
        catalog.obsolete.clear()
        if _write_po(path, catalog) or not path.with_suffix(".mo").exists():
            compile_mo(language)


def compile_mo(language: str) -> None:
    with open(po_path(language), "rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    with open(po_path(language).with_suffix(".mo"), "wb") as out:
        write_mo(out, catalog)


if __name__ == "__main__":
    refresh()
    sys.exit(0)
