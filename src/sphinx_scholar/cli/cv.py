"""``sphinx-scholar cv``: write the CV PDF of a site without publishing its HTML.

The CV shows what every page of the site declares (timelines, awards, people,
talks), so the site is read by Sphinx as in a build, into its own build folder
(kept, so the next run reads only what changed); then the PDF is copied out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PDF = "cv.pdf"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "srcdir", nargs="?", default=".", help="the site's folder, with conf.py (default: .)"
    )
    parser.add_argument(
        "-o", "--output", default=PDF, metavar="FILE", help=f"the PDF to write (default: {PDF})"
    )
    parser.add_argument(
        "--builddir",
        metavar="DIR",
        help="where the site is read to (default: SRCDIR/_build/cv; kept for the next run)",
    )


def run(args: argparse.Namespace) -> int:
    """0 when the PDF was written, 1 when the build could not make it, 2 on a usage error."""
    srcdir = Path(args.srcdir).resolve()
    if not (srcdir / "conf.py").is_file():
        print(f"sphinx-scholar cv: error: no conf.py in {srcdir}", file=sys.stderr)
        return 2
    builddir = Path(args.builddir).resolve() if args.builddir else srcdir / "_build" / "cv"
    from sphinx.application import Sphinx

    app = Sphinx(
        str(srcdir),
        str(srcdir),
        str(builddir / "html"),
        str(builddir / "doctrees"),
        "html",
        confoverrides={"scholar_cv_pdf": PDF},
        status=None,
        warning=sys.stderr,
    )
    app.build()
    made = Path(app.outdir) / PDF
    if app.statuscode or not made.is_file():
        print("sphinx-scholar cv: error: the CV PDF was not made (see above)", file=sys.stderr)
        return 1
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, output)
    print(f"sphinx-scholar cv: wrote {output}", file=sys.stderr)
    return 0
