"""includec/includecstring end to end: preprocess -> gnuc -> pycparser -> translate.

`import_c(header_or_code, is_code, include_path, flags) -> (CImport, dependencies)`.
Macros (macros.py) and compiling header code (inline.py) are added by the caller.
"""
from __future__ import annotations

import re
import threading

from . import gnuc, model, preprocess, translate
from .preprocess import CHeaderError

__all__ = ["import_c", "parse", "CHeaderError"]

_local = threading.local()     # pycparser's parser is not thread-safe: one per thread


def _get_parser():
    parser = getattr(_local, "parser", None)
    if parser is None:
        import pycparser
        parser = _local.parser = pycparser.CParser()
    return parser


def parse(header: str, text: str):
    """gnuc-clean preprocessed text and parse it: (FileAST, Cleaned); CHeaderError on a parse error."""
    cleaned = gnuc.clean(text)
    try:
        ast = _get_parser().parse(cleaned.text, header)
    except Exception as e:   # pycparser.c_parser.ParseError and lexer errors
        raise _parse_error(header, str(e)) from None
    return ast, cleaned


def _parse_error(header: str, message: str) -> CHeaderError:
    m = re.match(r"(?P<file>[^:]*):(?P<line>\d+)(?::\d+)?:\s*(?P<msg>.*)", message, re.S)
    if m:
        return CHeaderError(header, m.group("msg").strip(), int(m.group("line")), m.group("file"))
    return CHeaderError(header, message)


def import_c(header_or_code: str, is_code: bool, include_path=(), flags=()):
    """Import a header (or C source text when is_code): returns (CImport, dependencies).

    dependencies: every file the preprocessor read (from -MD), for the cache key.
    CImport.header_code is the source to compile when something has a body (inline
    functions, initialized globals); CImport.c_definitions maps those names to their
    preprocessed text.
    """
    pp = preprocess.preprocess(header_or_code, is_code, list(include_path), list(flags))
    ast, cleaned = parse(pp.header, pp.text)
    result = translate.translate(ast, cleaned)
    defined = [f for f in result.functions.values() if f.defined_in_header] + \
              [v for v in result.variables.values() if v.defined_in_header]
    if defined:
        result.header_code = header_or_code if is_code else preprocess.include_line(header_or_code)
    return result, pp.dependencies
