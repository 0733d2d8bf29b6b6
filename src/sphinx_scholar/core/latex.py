"""LaTeX to Unicode, for the text a bib file holds.

latexcodec supplies the tables (accents, symbols, Greek). The structure is
ours: latexcodec passes braces and unknown commands through unchanged and cannot
tell an escaped ``\\$`` from a math delimiter, so a small tokenizer walks the
string, and asks latexcodec only about single commands.

The math rule: ``$...$`` becomes Unicode math (symbols, italic via the
``math`` style, ``^``/``_`` as sup/sub), never raw TeX. A command nobody knows
is shown by its argument or its bare name, and reported, never as ``\\cmd``.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from .records import Part, Rich

# fmt: off
#: Strings without any of these are returned as they are (the common case).
_SPECIAL = re.compile(r"[\\{}$~^_]|--|``|''")

_STYLE_COMMANDS = {
    'textbf': 'b', 'bf': 'b', 'bfseries': 'b', 'emph': 'em', 'textit': 'em', 'textsl': 'em',
    'it': 'em', 'itshape': 'em', 'em': 'em', 'sl': 'em', 'texttt': 'tt', 'tt': 'tt',
    'textsc': 'sc', 'sc': 'sc', 'textsuperscript': 'sup', 'textsubscript': 'sub',
}
#: Commands whose single argument is kept as is.
_TRANSPARENT = {
    'MakeLowercase', 'MakeUppercase', 'NoCaseChange', 'bm', 'boldsymbol',
    'ensuremath', 'fbox', 'hbox', 'lowercase', 'mathbb', 'mathbf', 'mathcal', 'mathfrak',
    'mathit', 'mathnormal', 'mathrm', 'mathscr', 'mathsf', 'mathtt', 'mbox', 'natexlab',
    'nocase', 'operatorname', 'path', 'protect', 'text', 'textls', 'acro', 'emphasize',
    'textmd', 'textnormal', 'textrm', 'textsf', 'textup', 'underline', 'uppercase', 'url',
}
#: Commands that take an argument that is dropped ({\noopsort{a}} sorting keys).
_DROP_ARG = {
    "noopsort", "sortnoop", "label", "index", "cite", "footnote", "hspace", "vspace",
    "color", "begin", "end", "ref", "eqref", "hyphenation", "pagecolor", "input",
}
_DROP = {
    '-', '/', '@', 'Big', 'Bigg', 'Large', 'allowbreak', 'big', 'bigg', 'break', 'displaystyle',
    'footnotesize', 'hfil', 'hfill', 'ignorespaces', 'large', 'left', 'limits', 'linebreak',
    'mdseries', 'noindent', 'nolimits', 'nolinebreak', 'normalfont', 'normalsize', 'null',
    'protect', 'relax', 'right', 'rm', 'scriptstyle', 'selectfont', 'sf', 'small', 'smash',
    'strut', 'textstyle', 'unskip', 'upshape', 'xspace', 'boldmath', 'unboldmath', 'cal',
    'newblock', 'smallskip', 'medskip', 'bigskip', 'centering', 'raggedright',
    'hline', 'vfill', 'clearpage', 'newpage', 'maketitle', 'tiny', 'scriptsize', 'huge',
    'Huge', 'LARGE', 'frenchspacing', 'sloppy', 'nobreak',
}
_WORDS = {
    'LaTeX': 'LaTeX', 'TeX': 'TeX', 'BibTeX': 'BibTeX', 'LaTeXe': 'LaTeX2ε', 'XeTeX': 'XeTeX',
    'LuaTeX': 'LuaTeX', 'ConTeXt': 'ConTeXt', 'AmS': 'AMS', 'AMS': 'AMS',
    'METAFONT': 'METAFONT', 'MF': 'METAFONT', 'MP': 'MetaPost', 'eTeX': 'ε-TeX',
    'PiCTeX': 'PiCTeX', 'SliTeX': 'SliTeX', 'textdollar': '$', 'textbackslash': '\\',
    'textasciitilde': '~', 'textasciicircum': '^', 'textunderscore': '_', 'textbraceleft': '{',
    'textbraceright': '}', 'textless': '<', 'textgreater': '>', 'textbar': '|',
    'textquotedbl': '"', 'textquotesingle': "'", 'textvisiblespace': '␣', 'textendash': '–',
    'textemdash': '—', 'textbullet': '•', 'textperiodcentered': '·', 'textregistered': '®',
    'texttrademark': '™', 'textcopyright': '©', 'copyright': '©', 'textdegree': '°',
    'euro': '€', 'EUR': '€', 'textellipsis': '…', 'ldots': '…', 'dots': '…', 'cdots': '⋯',
    'quad': '\u2003', 'qquad': '\u2003\u2003', 'enspace': '\u2002', 'thinspace': '\u2009',
    'newline': ' ', 'par': ' ', 'space': ' ', 'nobreakspace': '\xa0', 'textsection': '§',
    'S': '§', 'textparagraph': '¶', 'P': '¶', 'dag': '†', 'ddag': '‡', 'textdagger': '†',
    'textdaggerdbl': '‡', 'guillemotleft': '«', 'guillemotright': '»', 'i': 'ı', 'j': 'ȷ',
    'textonehalf': '½', 'textmu': 'µ', 'textpm': '±', 'texttimes': '×',
    'textquoteleft': '‘', 'textquoteright': '’', 'textquotedblleft': '“',
    'textquotedblright': '”', 'textlangle': '⟨', 'textrangle': '⟩', 'slash': '/',
    'AmSTeX': 'AMS-TeX', 'AmSLaTeX': 'AMS-LaTeX', 'LaTeXTeX': '(La)TeX', 'BibLaTeX': 'BibLaTeX',
    'pdfTeX': 'pdfTeX', 'pdfLaTeX': 'pdfLaTeX', 'MetaPost': 'MetaPost',
    # TUGboat's macros (tugboat.def): an em dash with thin spaces, and a backslash
    'Dash': '\u2009—\u2009', 'bs': '\\', 'TUB': 'TUGboat',
    # NASA ADS writes HTML entities as commands: \amp, \lt, \rsquo ...
    'amp': '&', 'lt': '<', 'gt': '>', 'rsquo': '’', 'lsquo': '‘', 'rdquo': '”', 'ldquo': '“',
    'larr': '←', 'rarr': '→', 'harr': '↔', 'ndash': '–', 'mdash': '—', 'nbsp': '\xa0',
    'item': ' • ',
}
#: AAS/ADS journal macros (``journal = {\apj}``), defined by aastex, unknown elsewhere.
_JOURNALS = {
    'aj': 'AJ', 'actaa': 'Acta Astron.', 'araa': 'ARA&A', 'apj': 'ApJ', 'apjl': 'ApJL',
    'apjs': 'ApJS', 'ao': 'Appl. Opt.', 'apss': 'Ap&SS', 'aap': 'A&A', 'aapr': 'A&A Rev.',
    'aaps': 'A&AS', 'azh': 'AZh', 'baas': 'BAAS', 'icarus': 'Icarus', 'jrasc': 'JRASC',
    'memras': 'MmRAS', 'mnras': 'MNRAS', 'pra': 'Phys. Rev. A', 'prb': 'Phys. Rev. B',
    'prc': 'Phys. Rev. C', 'prd': 'Phys. Rev. D', 'pre': 'Phys. Rev. E',
    'prl': 'Phys. Rev. Lett.', 'pasp': 'PASP', 'pasj': 'PASJ', 'qjras': 'QJRAS',
    'skytel': 'S&T', 'solphys': 'Sol. Phys.', 'sovast': 'Soviet Ast.', 'ssr': 'Space Sci. Rev.',
    'zap': 'ZAp', 'nat': 'Nature', 'iaucirc': 'IAU Circ.', 'aplett': 'Astrophys. Lett.',
    'apspr': 'Astrophys. Space Phys. Res.', 'bain': 'Bull. Astron. Inst. Netherlands',
    'fcp': 'Fund. Cosmic Phys.', 'gca': 'Geochim. Cosmochim. Acta',
    'grl': 'Geophys. Res. Lett.', 'jcp': 'J. Chem. Phys.', 'jgr': 'J. Geophys. Res.',
    'jqsrt': 'JQSRT', 'memsai': 'Mem. Soc. Astron. Italiana', 'nphysa': 'Nucl. Phys. A',
    'physrep': 'Phys. Rep.', 'physscr': 'Phys. Scr', 'planss': 'Planet. Space Sci.',
    'procspie': 'Proc. SPIE', 'jcap': 'JCAP', 'psj': 'PSJ', 'na': 'New A', 'nar': 'New A Rev.',
}
_MATH_FUNCTIONS = {
    'Pr', 'arccos', 'arcsin', 'arctan', 'arg', 'argmax', 'argmin', 'bmod', 'cos', 'cosh', 'cot',
    'csc', 'deg', 'det', 'dim', 'exp', 'gcd', 'hom', 'inf', 'ker', 'lg', 'lim', 'liminf',
    'limsup', 'ln', 'log', 'max', 'min', 'mod', 'sec', 'sin', 'sinh', 'sup', 'tan', 'tanh',
}
_MATH_EXTRA = {
    'ldots': '…', 'cdots': '⋯', 'dots': '…', 'to': '→', 'gets': '←', 'lvert': '|', 'rvert': '|',
    'vert': '|', 'lVert': '‖', 'rVert': '‖', 'Vert': '‖', 'mid': '∣', 'colon': ':',
    'lbrace': '{', 'rbrace': '}', '{': '{', '}': '}', '|': '‖', 'lfloor': '⌊', 'rfloor': '⌋',
    'lceil': '⌈', 'rceil': '⌉', 'langle': '⟨', 'rangle': '⟩', 'backslash': '\\', 'ge': '≥',
    'le': '≤', 'neq': '≠', 'ne': '≠', 'iff': '⟺', 'implies': '⟹', 'dagger': '†', 'ddagger': '‡',
    'star': '⋆', 'prime': '′', 'circ': '∘', 'emptyset': '∅', 'varnothing': '∅', ',': '\u2009',
    ';': '\u2005', ':': '\u2005', '!': '', ' ': ' ', 'quad': ' ', 'qquad': '  ',
    'textdollar': '$', '%': '%', '&': '&', '#': '#', '_': '_', '$': '$',
}
#: Math symbols latexcodec's table lacks (it covers letters and common relations).
_MATH_SYMBOLS = {
    'oplus': '⊕', 'otimes': '⊗', 'ominus': '⊖', 'odot': '⊙', 'oslash': '⊘', 'mapsto': '↦',
    'simeq': '≃', 'equiv': '≡', 'propto': '∝', 'mp': '∓', 'hbar': 'ℏ', 'aleph': 'ℵ',
    'oint': '∮', 'top': '⊤', 'bot': '⊥', 'vdash': '⊢', 'models': '⊨', 'perp': '⊥',
    'parallel': '∥', 'angle': '∠', 'triangle': '△', 'varepsilon': 'ε', 'vartheta': 'ϑ',
    'leftrightarrow': '↔', 'Leftrightarrow': '⇔', 'uparrow': '↑', 'downarrow': '↓',
    'setminus': '∖', 'vdots': '⋮', 'ddots': '⋱', 'nmid': '∤', 'prec': '≺', 'succ': '≻',
    'preceq': '⪯', 'succeq': '⪰', 'll': '≪', 'gg': '≫', 'sqsubseteq': '⊑', 'sqcup': '⊔',
    'bigcup': '⋃', 'bigcap': '⋂', 'bigoplus': '⨁', 'bigotimes': '⨂', 'Re': 'ℜ', 'Im': 'ℑ',
    'wp': '℘', 'imath': 'ı', 'jmath': 'ȷ', 'varprojlim': 'lim', 'varinjlim': 'lim',
    'varrho': 'ϱ', 'varsigma': 'ς', 'varkappa': 'ϰ', 'lhd': '⊲', 'rhd': '⊳', 'unlhd': '⊴',
    'unrhd': '⊵', 'bowtie': '⋈', 'Join': '⨝', 'ltimes': '⋉', 'rtimes': '⋊', 'dashv': '⊣',
    'vDash': '⊨', 'Vdash': '⊩', 'nvdash': '⊬', 'hookrightarrow': '↪', 'twoheadrightarrow': '↠',
    'rightsquigarrow': '⇝', 'leadsto': '⇝', 'longrightarrow': '⟶', 'Longrightarrow': '⟹',
    'longmapsto': '⟼', 'uplus': '⊎', 'sqcap': '⊓', 'wr': '≀', 'diamond': '⋄', 'Box': '□',
    'square': '□', 'blacksquare': '■', 'lozenge': '◊', 'checkmark': '✓', 'triangleq': '≜',
    'coloneqq': '≔', 'doteq': '≐', 'cong': '≅', 'asymp': '≍', 'nsubseteq': '⊈',
    'subsetneq': '⊊', 'supsetneq': '⊋', 'lesssim': '≲', 'gtrsim': '≳', 'leqslant': '⩽',
    'geqslant': '⩾', 'nleq': '≰', 'ngeq': '≱', 'therefore': '∴', 'because': '∵',
    'complement': '∁', 'nexists': '∄', 'varnothing': '∅', 'mho': '℧', 'eth': 'ð',
    'smallsetminus': '∖', 'circledast': '⊛', 'boxplus': '⊞', 'boxtimes': '⊠',
}
#: Math accents: a combining mark after the argument.
_MATH_ACCENTS = {
    'hat': '\u0302', 'widehat': '\u0302', 'tilde': '\u0303', 'widetilde': '\u0303',
    'bar': '\u0304', 'overline': '\u0305', 'vec': '\u20d7', 'dot': '\u0307',
    'ddot': '\u0308', 'check': '\u030c', 'breve': '\u0306', 'acute': '\u0301',
    'grave': '\u0300', 'underline': '\u0332',
}
_BLACKBOARD = dict(zip("CHNPQRZ", "ℂℍℕℙℚℝℤ", strict=True))
_ACCENT_SYMBOLS = "'`^\"~=.uvHckrdbt"
_LETTERS = re.compile(r"[A-Za-z]+")
#: Source whitespace (not the no-break space that ``~`` makes).
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
#: A run of characters that text mode copies as they are.
_PLAIN_RUN = re.compile(r"[^{}$\\~`'\-]+")
_ESCAPED_TEX = re.compile(r"\\[A-Za-z]|\$")
_MATH_DELIMS = (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"))
_DIMENSION = re.compile(r"\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mm|cm|in|mu|sp|bp|pc|dd|cc)")
#: ``\$x^2\$``: math whose dollars an export tool escaped (no space just inside them).
_ESCAPED_MATH = re.compile(r"\\\$(?P<body>[^\s$\\](?:[^$]{0,80}?[^\s$\\])?|\\[A-Za-z]+)\\\$")

# fmt: on


#: Groups, arguments and scripts nested deeper than this are not LaTeX anyone writes
#: by hand; past it the text is read flat (a bound, so no input can exhaust the stack).
MAX_DEPTH = 64
_FLAT = re.compile(r"\\[A-Za-z]+\*?|\\.|[{}$^_]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of decoding: styled text, and the commands no table knew."""

    rich: Rich
    unknown: tuple[str, ...] = ()
    too_deep: bool = False  #: nested past MAX_DEPTH: read flat, markup dropped


class _TooDeep(Exception):
    """Nesting passed MAX_DEPTH."""


class _Depth:
    """How deep one decoding has nested, shared by the parsers it starts."""

    __slots__ = ("level",)

    def __init__(self) -> None:
        self.level = 0

    def enter(self) -> None:
        self.level += 1
        if self.level > MAX_DEPTH:
            raise _TooDeep

    def leave(self) -> None:
        self.level -= 1


def to_text(latex: str) -> str:
    """Plain Unicode for a LaTeX string (names, venues, keys of comparison)."""
    return decode(latex).rich.plain


@functools.lru_cache(maxsize=1 << 16)
def decode(latex: str) -> Decoded:
    """Decode *latex* (cached: author names and venues repeat across entries).

    The cache is keyed by the input only, since the result depends on nothing else.
    """
    if not _SPECIAL.search(latex):
        return Decoded(Rich.of(_squash(latex)))
    try:
        parser = _Parser(latex)
        rich = _finish(parser.parse())
        unknown = parser.unknown
        if "textbackslash" in latex and _ESCAPED_TEX.search(rich.plain):
            # DBLP escapes math twice ({\textdollar}{\textbackslash}mathrm...): read it again.
            again = _Parser(rich.plain)
            rich = _finish(again.parse())
            unknown = unknown + again.unknown
    except (_TooDeep, RecursionError):
        return Decoded(Rich.of(_squash(_FLAT.sub("", latex))), too_deep=True)
    return Decoded(rich, tuple(dict.fromkeys(unknown)))


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _finish(parts: list[Part]) -> Rich:
    merged: list[list[str]] = []
    for style, text in parts:
        if not text:
            continue
        if merged and merged[-1][0] == style:
            merged[-1][1] += text
        else:
            merged.append([style, text])
    out: list[Part] = []
    for index, (style, text) in enumerate(merged):
        text = _WHITESPACE.sub(" ", text)
        if index == 0:
            text = text.lstrip()
        if index == len(merged) - 1:
            text = text.rstrip()
        if text:
            out.append((style, text))
    return Rich(tuple(out))


@functools.lru_cache(maxsize=4096)
def _codec(snippet: str) -> str | None:
    """latexcodec's reading of one command, or None if it does not know it."""
    try:
        out = codecs.decode(snippet, "ulatex")  # type: ignore[call-overload]  # latexcodec decodes str
    except (UnicodeDecodeError, ValueError, IndexError):
        return None
    out = out.replace("{", "").replace("}", "")
    if "\\" in out or (snippet.startswith("$") and "$" in out):
        return None
    return out.strip() if snippet.startswith("$") else out


class _Parser:
    """A recursive-descent reader over one string; builds styled parts."""

    def __init__(self, text: str, depth: _Depth | None = None) -> None:
        self.text = text
        self.pos = 0
        self.unknown: list[str] = []
        self.depth = depth or _Depth()

    # -- text mode -------------------------------------------------------
    def parse(self) -> list[Part]:
        return self._text_until(None, "")

    def _text_until(self, closer: str | None, style: str) -> list[Part]:
        self.depth.enter()
        try:
            return self._read_until(closer, style)
        finally:
            self.depth.leave()

    def _read_until(self, closer: str | None, style: str) -> list[Part]:
        parts: list[Part] = []
        buf: list[str] = []
        text = self.text

        def flush() -> None:
            if buf:
                parts.append((style, "".join(buf)))
                buf.clear()

        while self.pos < len(text):
            run = _PLAIN_RUN.match(text, self.pos)
            if run:
                buf.append(run.group())
                self.pos = run.end()
                continue
            ch = text[self.pos]
            if closer is not None and ch == closer:
                self.pos += 1
                break
            if ch == "{":
                self.pos += 1
                flush()
                parts.extend(self._text_until("}", style))
            elif ch == "}":  # unbalanced: drop it
                self.pos += 1
            elif ch == "$" or text.startswith(("\\(", "\\["), self.pos):
                flush()
                parts.extend(self._math(style))
            elif ch == "\\" and (escaped := _ESCAPED_MATH.match(text, self.pos)):
                # Zotero and Mendeley escape math dollars (\$100\$K): read it as math again
                flush()
                body = escaped.group("body")
                parts.extend(_MathParser(body, self.unknown, self.depth).parse(_add(style, "math")))
                self.pos = escaped.end()
            elif ch == "\\":
                flush()
                declared = self._command(style, parts)
                if declared:  # {\em ...}: the rest of this group takes the style
                    parts.extend(self._text_until(closer, _add(style, declared)))
                    return parts
            elif ch == "~":
                buf.append("\u00a0")
                self.pos += 1
            elif ch == "-" and text.startswith("---", self.pos):
                buf.append("—")
                self.pos += 3
            elif ch == "-" and text.startswith("--", self.pos):
                buf.append("–")
                self.pos += 2
            elif ch == "`" and text.startswith("``", self.pos):
                buf.append("“")
                self.pos += 2
            elif ch == "'" and text.startswith("''", self.pos):
                buf.append("”")
                self.pos += 2
            elif ch == "`":
                buf.append("‘")
                self.pos += 1
            else:
                buf.append(ch)
                self.pos += 1
        flush()
        return parts

    def _read_name(self) -> str:
        """Read the command name after a backslash (at self.pos)."""
        match = _LETTERS.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            return match.group()
        if self.pos < len(self.text):
            self.pos += 1
            return self.text[self.pos - 1]
        return ""

    def _skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1

    def _raw_arg(self) -> str | None:
        """The raw text of the next argument: a braced group or one character."""
        self._skip_spaces()
        if self.pos >= len(self.text):
            return None
        if self.text[self.pos] == "{":
            depth, start = 0, self.pos
            while self.pos < len(self.text):
                ch = self.text[self.pos]
                if ch == "\\":
                    self.pos += 2
                    continue
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        self.pos += 1
                        return self.text[start + 1 : self.pos - 1]
                self.pos += 1
            return self.text[start + 1 :]
        if self.text[self.pos] == "\\":
            self.pos += 1
            return "\\" + self._read_name()
        self.pos += 1
        return self.text[self.pos - 1]

    def _sub(self, raw: str, style: str) -> list[Part]:
        inner = _Parser(raw, self.depth)
        parts = inner._text_until(None, style)
        self.unknown.extend(inner.unknown)
        return parts

    def _command(self, style: str, parts: list[Part]) -> str:
        """Handle one command in text mode; return a style it declares, if any."""
        self.pos += 1  # the backslash
        name = self._read_name()
        if not name:
            return ""
        if (len(name) == 1 and name in _ACCENT_SYMBOLS) or name in {
            "c",
            "v",
            "u",
            "H",
            "k",
            "r",
            "d",
            "b",
            "t",
        }:
            arg = self._raw_arg() or ""
            if arg.startswith("\\") or "{" in arg:
                base = "".join(text for _, text in self._sub(arg, "")).strip()
            else:
                base = arg
            base = base.replace("ı", "i").replace("ȷ", "j")
            snippet = (
                f"\\{name}{{{base}}}"
                if len(name) == 1 and not name.isalpha()
                else f"\\{name} {base}"
            )
            out = _codec(snippet) if base else None
            if out is None:
                out = _combine(name, base)
            parts.append((style, out))
            return ""
        if len(name) == 1 and not name.isalpha():
            if name == "\\":
                parts.append((style, " "))
            elif name in " ,;:!":
                parts.append((style, " " if name == " " else "\u2009" if name == "," else ""))
            elif name in "&%$#_{}":
                parts.append((style, name))
            elif name in "-/@":
                pass
            else:
                parts.append((style, name))
            return ""
        ate_space = self.text.startswith(" ", self.pos) and name.isalpha()
        if ate_space:
            self.pos += 1  # a control word eats one following space
        if name == "char":
            parts.append((style, self._char_code()))
            return ""
        if name in {"kern", "hskip", "vskip", "mkern"}:  # a dimension follows: skip it
            dimension = _DIMENSION.match(self.text, self.pos)
            self.pos = dimension.end() if dimension else self.pos
            return ""
        if name == "verb" and self.pos < len(self.text):
            delimiter = self.text[self.pos]
            end = self.text.find(delimiter, self.pos + 1)
            end = len(self.text) if end < 0 else end
            parts.append((_add(style, "tt"), self.text[self.pos + 1 : end]))
            self.pos = end + 1
            return ""
        if name in _STYLE_COMMANDS:
            if name in {"bf", "it", "em", "sl", "tt", "sc", "bfseries", "itshape"}:
                return _STYLE_COMMANDS[name]
            raw = self._raw_arg()
            if raw is not None:
                parts.extend(self._sub(raw, _add(style, _STYLE_COMMANDS[name])))
            return ""
        if name in _DROP_ARG:
            self._raw_arg()
            return ""
        if name in {"href", "textcolor", "colorbox"}:  # the URL or colour is not text
            self._raw_arg()
            raw = self._raw_arg()
            if raw is not None:
                parts.extend(self._sub(raw, style))
            return ""
        if name in _TRANSPARENT:
            raw = self._raw_arg()
            if raw is not None:
                parts.extend(self._sub(raw, style))
            return ""
        if name in _DROP:
            return ""
        if name in _WORDS:
            parts.append((style, _WORDS[name]))
            return ""
        known = _codec("\\" + name)
        if known is not None:
            parts.append((style, known))
            return ""
        if name in _JOURNALS:
            parts.append((style, _JOURNALS[name]))
            return ""
        symbol = _MATH_SYMBOLS.get(name) or _codec(f"${chr(92)}{name}$")
        if symbol is not None:
            parts.append((_add(style, "math"), symbol))
            return ""
        if name in _MATH_ACCENTS:
            arg = self._raw_arg() or ""
            parts.extend(_accented(self._sub(arg, _add(style, "math")), _MATH_ACCENTS[name]))
            return ""
        # Unknown: keep a following braced argument, else show the bare name.
        self.unknown.append("\\" + name)
        if self.pos < len(self.text) and self.text[self.pos] == "{":
            arg = self._raw_arg() or ""
            parts.extend(self._sub(arg, style))
        else:
            parts.append((style, name + (" " if ate_space else "")))
        return ""

    def _char_code(self) -> str:
        """TeX's ``\\char`\\x``, ``\\char"41``, ``\\char'101``, ``\\char65``: the character."""
        text, pos = self.text, self.pos
        number = None
        if text.startswith("`", pos):
            pos += 1
            if text.startswith("\\", pos):
                pos += 1
            if pos < len(text):
                number, pos = ord(text[pos]), pos + 1
        else:
            bases = {'"': (16, "0123456789ABCDEFabcdef"), "'": (8, "01234567")}
            base, digits = bases.get(text[pos : pos + 1], (10, "0123456789"))
            pos += base != 10
            end = pos
            while end < len(text) and text[end] in digits:
                end += 1
            if end > pos:
                number, pos = int(text[pos:end], base), end
        self.pos = pos
        if number is None or not 32 <= number < 0x110000:
            return ""
        char = chr(number)
        # a surrogate or a non-character is no character a page can hold
        if 0xD800 <= number <= 0xDFFF or 0xFDD0 <= number <= 0xFDEF or number & 0xFFFE == 0xFFFE:
            return "\ufffd"
        return char

    # -- math mode ---------------------------------------------------------
    def _math(self, style: str) -> list[Part]:
        opener, closer = next((o, c) for o, c in _MATH_DELIMS if self.text.startswith(o, self.pos))
        self.pos += len(opener)
        end = _find_closer(self.text, self.pos, closer)
        body = self.text[self.pos : end]
        self.pos = end + len(closer) if end < len(self.text) else end
        for dollar in ("\\$", "$"):  # Mendeley's \(\$\lambda\$\): math marked up twice
            if body.startswith(dollar) and body.endswith(dollar) and len(body) > 2 * len(dollar):
                body = body[len(dollar) : -len(dollar)]
                break
        math = _MathParser(body, self.unknown, self.depth)
        return math.parse(_add(style, "math"))


def _find_closer(text: str, pos: int, closer: str) -> int:
    while pos < len(text):
        if text[pos] == "\\" and not closer.startswith("\\"):
            pos += 2
            continue
        if text.startswith(closer, pos):
            return pos
        pos += 1
    return len(text)


class _MathParser:
    """Math: symbols through latexcodec, ^ and _ as sup/sub, fonts dropped."""

    def __init__(self, text: str, unknown: list[str], depth: _Depth) -> None:
        self.text = text
        self.pos = 0
        self.unknown = unknown
        self.depth = depth

    def parse(self, style: str) -> list[Part]:
        parts: list[Part] = []
        while self.pos < len(self.text):
            parts.extend(self._atom(style))
        return parts

    def _group(self, style: str) -> list[Part]:
        """The next atom: a braced group, one command, or one character."""
        self.depth.enter()
        try:
            return self._next_group(style)
        finally:
            self.depth.leave()

    def _next_group(self, style: str) -> list[Part]:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1
        if self.pos >= len(self.text):
            return []
        if self.text[self.pos] == "{":
            end = _matching_brace(self.text, self.pos)
            inner = _MathParser(self.text[self.pos + 1 : end], self.unknown, self.depth)
            self.pos = end + 1
            return inner.parse(style)
        return self._atom(style)

    def _atom(self, style: str) -> list[Part]:
        ch = self.text[self.pos]
        if ch == "{":
            return self._group(style)
        if ch == "}":
            self.pos += 1
            return []
        if ch in "^_":
            self.pos += 1
            return self._group(_add(style, "sup" if ch == "^" else "sub"))
        if ch == "\\":
            self.pos += 1
            match = _LETTERS.match(self.text, self.pos)
            if match:
                name = match.group()
                self.pos = match.end()
            else:
                name = self.text[self.pos : self.pos + 1]
                self.pos += 1
            return self._math_command(name, style)
        if ch == "~":
            self.pos += 1
            return [(style, " ")]
        self.pos += 1
        if ch == "'":
            return [(style, "′")]
        return [(style, ch)]

    def _math_command(self, name: str, style: str) -> list[Part]:
        if name == "\\":  # a line break (in an array or a multi-line formula): a space
            return [(style, " ")]
        if name in _MATH_FUNCTIONS:
            return [(style, name if name not in {"bmod"} else "mod")]
        if name in _MATH_EXTRA:
            return [(style, _MATH_EXTRA[name])]
        if name == "mathbb":
            inner = self._group(style)
            return [(s, "".join(_BLACKBOARD.get(c, c) for c in t)) for s, t in inner]
        if name in _MATH_ACCENTS:
            return _accented(self._group(style), _MATH_ACCENTS[name])
        if name in _MATH_SYMBOLS:
            return [(style, _MATH_SYMBOLS[name])]
        if name in _STYLE_COMMANDS or name in _TRANSPARENT:
            return self._group(style)
        if name in {"frac", "dfrac", "tfrac"}:
            numerator = self._group(style)
            denominator = self._group(style)
            return [*numerator, (style, "/"), *denominator]
        if name == "sqrt":
            return [(style, "√"), *self._group(style)]
        if name in _DROP:
            return []
        if name in _WORDS:
            return [(style, _WORDS[name])]
        symbol = _codec(f"${chr(92)}{name}$")
        if symbol is not None:
            return [(style, symbol)]
        accent = _codec("\\" + name)
        if accent is not None:
            return [(style, accent)]
        self.unknown.append("\\" + name)
        return [(style, name)]


def _matching_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(text)


# fmt: off
_COMBINING = {
    "'": '́', '`': '̀', '^': '̂', '"': '̈', '~': '̃', '=': '̄', '.': '̇', 'u': '̆', 'v': '̌',
    'H': '̋', 'c': '̧', 'k': '̨', 'r': '̊', 'd': '̣', 'b': '̱', 't': '͡',
}
# fmt: on


def _combine(accent: str, base: str) -> str:
    """Fallback when latexcodec has no precomposed letter: a combining mark.

    With no letter (``\\^{}``, ``\\~{}``) LaTeX prints the accent itself; DBLP
    writes superscripts that way.
    """
    if not base:
        return {"^": "^", "~": "~", "`": "`", "'": "´", '"': "¨", "=": "¯"}.get(accent, "")
    mark = _COMBINING.get(accent, "")
    return unicodedata.normalize("NFC", base[0] + mark + base[1:])


def _accented(parts: list[Part], mark: str) -> list[Part]:
    """A math accent: the combining *mark* after each letter of its argument."""
    out = []
    for style, text in parts:
        marked = "".join(c + mark if not c.isspace() else c for c in text)
        out.append((style, unicodedata.normalize("NFC", marked)))
    return out


def _add(style: str, flag: str) -> str:
    flags = style.split()
    if flag not in flags:
        flags.append(flag)
    return " ".join(sorted(flags))
