"""The CV PDF, written at the end of an HTML build when ``scholar_cv_pdf`` names a file.

Written only when its inputs changed. They are fingerprinted without the records
(the bib's fingerprint stands for them), so a build where nothing changed neither
loads the records nor assembles the CV; the fingerprint is kept beside the doctrees.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core.cvpdf import (
    CvPdfUnavailable,
    compile_pdf,
    data_json,
    is_pdf_path,
    template_text,
    typst_version,
)
from ..core.diagnostics import Diagnostic
from .cvdata import OPTIONS, items_digest, pdf_document
from .digests import digest
from .domain import get_domain
from .report import warn
from .state import state_of

DIGEST_FILE = "scholar-cv-pdf.digest"


def site_url(app: Sphinx) -> str:
    return app.config.html_baseurl or ""


def pdf_inputs(app: Sphinx) -> str:
    """The template's data: what the PDF is made from."""
    return data_json(pdf_document(app), site_url(app), app.config.language or "en")


def inputs_digest(app: Sphinx) -> str:
    """Everything the PDF shows, cheaply: the bib's fingerprint instead of its records."""
    domain = get_domain(app.env)
    state = state_of(app.env)
    config = state.config
    return digest(
        domain.data["state"],  # the bib files and the settings its records came from
        items_digest(app),  # every page's lists and talks
        list(domain.items(OPTIONS)),  # the first cv directive's options and free sections
        state.registry.digest(),  # who is the owner
        sorted(config.marks.items()),
        sorted(domain.slugs.items()),  # the paper pages it links
        repr(config.profile),
        site_url(app),
        state.paper_pages,
        template_text(),
        typst_version(),
    )


def write_pdf(app: Sphinx) -> Path | None:
    """Write the PDF if its inputs changed; the path written, or None."""
    state = state_of(app.env)
    name = state.config.cv_pdf
    if not name or app.builder.format != "html":
        return None
    if not is_pdf_path(name):
        warn([Diagnostic("config", f"scholar_cv_pdf: {name!r} is not a .pdf path inside the site")])
        return None
    target = Path(app.outdir, name)
    value = inputs_digest(app)
    stamp = Path(app.doctreedir, DIGEST_FILE)
    if target.is_file() and stamp.is_file() and stamp.read_text() == value:
        return None
    try:
        pdf = compile_pdf(pdf_inputs(app))
    except CvPdfUnavailable as error:
        # no location: Sphinx would read a file path without a line as a page name
        warn([Diagnostic("cv_pdf", f"scholar_cv_pdf: {error}; {name} is not written")])
        return None
    except RuntimeError as error:  # typst.TypstError: a bug of ours, never the data's
        warn([Diagnostic("cv_pdf", f"scholar_cv_pdf: typst could not typeset the CV: {error}")])
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(value)
    return target
