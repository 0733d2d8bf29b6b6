"""How long the CV PDF takes: assembling the CV and typesetting it with Typst.

    PYTHONPATH=src python bench/cv.py

Times the PDF step of the build (``sphinx_ext/cvpdf.write_pdf``: the CV assembled from
the records, its JSON, Typst's compilation) at the demo's size (its refs.bib) and at 1000
papers from ``bench/generate.py``; median of 3 runs each. With a path argument, writes
page one of the demo's PDF there as a PNG (Typst renders it), for a look.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import pypdf  # noqa: E402
import typst  # noqa: E402

from sphinx_scholar.core.bibparse import parse_text  # noqa: E402
from sphinx_scholar.core.convert import records_from  # noqa: E402
from sphinx_scholar.core.cv import CvOptions, CvProfile, CvSource, assemble  # noqa: E402
from sphinx_scholar.core.cvpdf import compile_pdf, data_json, template_text  # noqa: E402
from sphinx_scholar.core.people import PeopleRegistry, PersonEntry  # noqa: E402


def records_of(text: str) -> dict:
    parsed = parse_text(text, "refs.bib")
    records, _ = records_from(parsed.data, parsed.sources, parsed.marks, parsed.field_lines)
    return records


def measure(records: dict, owner: str) -> tuple[float, float, int, int, bytes, str]:
    registry = PeopleRegistry.build([PersonEntry(owner, owner=True)])
    source = CvSource(profile=CvProfile(name=owner, title="Professor"))
    assembling, typesetting = [], []
    for _ in range(3):
        start = time.perf_counter()
        data = data_json(assemble(source, records, registry, CvOptions()))
        middle = time.perf_counter()
        pdf = compile_pdf(data)
        end = time.perf_counter()
        assembling.append(middle - start)
        typesetting.append(end - middle)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return (
        statistics.median(assembling),
        statistics.median(typesetting),
        len(records),
        pages,
        pdf,
        data,
    )


def main() -> None:
    demo = records_of((HERE.parent / "refs.bib").read_text("utf-8"))
    synthetic = records_of(generate.bib_text(generate.entries(1000)))
    for label, records, owner in (
        ("demo", demo, "Zhihao Jia"),
        ("1000", synthetic, "Ada Lovelace"),
    ):
        assembled, typeset, count, pages, pdf, data = measure(records, owner)
        print(
            f"{label}: {count} papers, {pages} pages, {len(pdf) / 1024:.0f} KiB: "
            f"assembly + JSON {assembled * 1000:.0f} ms, Typst {typeset:.2f} s"
        )
        if label == "demo" and len(sys.argv) > 1:
            png = typst.Compiler(
                template_text().encode(), ignore_system_fonts=True, sys_inputs={"data": data}
            ).compile(format="png", ppi=80)
            first = png[0] if isinstance(png, list) else png
            Path(sys.argv[1]).write_bytes(first)


if __name__ == "__main__":
    main()
