"""The CV PDF, written at the end of an HTML build when ``scholar_cv_pdf`` names a file.

Written only when its input changed: the digest of the template's data, the
template and the compiler version is kept beside the doctrees, and an unchanged
digest with the file present skips Typst altogether.
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
from .cvdata import pdf_document
from .digests import digest
from .report import warn
from .state import state_of

DIGEST_FILE = "scholar-cv-pdf.digest"


def site_url(app: Sphinx) -> str:
    return app.config.html_baseurl or ""


def pdf_inputs(app: Sphinx) -> str:
    """The template's data: what the PDF is made from."""
    return data_json(pdf_document(app), site_url(app))


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
    data = pdf_inputs(app)
    value = digest(data, template_text(), typst_version())
    stamp = Path(app.doctreedir, DIGEST_FILE)
    if target.is_file() and stamp.is_file() and stamp.read_text() == value:
        return None
    try:
        pdf = compile_pdf(data)
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
