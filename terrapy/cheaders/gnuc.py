"""GNU C (preprocessed) -> the C that pycparser reads, keeping what changes meaning.

Takes the text of `gcc -E`. Gives `Cleaned`: C text for pycparser (line markers
kept) and a side table of attributes. Attributes that matter (asm link names,
packed, aligned(N), mode(M), vector_size(N), `#pragma pack`, "has a body")
are kept as *marker declarations* `int __terrapy_attr_<k>;` placed just before
the declaration they belong to (at file scope or in a struct body), or as the
first member of the struct body they qualify; translate.py reads
`Cleaned.attrs[k]` and drops the markers. Function bodies are removed (the
prototype stays; the original text goes to `Cleaned.bodies`), `__extension__`,
`__restrict`, other attributes, `_Static_assert` ... are dropped, and the GNU
extended types become placeholder typedef names (see PRELUDE).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MARKER = "__terrapy_attr_"

# placeholder types: translate.py maps these names to terra types
PLACEHOLDERS = {
    "__int128": "__terrapy_int128", "__int128_t": "__terrapy_int128",
    "__uint128_t": "__terrapy_uint128", "_Float128": "__terrapy_float128",
    "__float128": "__terrapy_float128", "_Float64x": "__terrapy_float64x",
    "__float80": "__terrapy_float64x", "_Float16": "__terrapy_float16",
    "__fp16": "__terrapy_float16", "__bf16": "__terrapy_bfloat16",
    "_Float32": "float", "_Float64": "double", "_Float32x": "double",
    "_Decimal32": "__terrapy_decimal32", "_Decimal64": "__terrapy_decimal64",
    "_Decimal128": "__terrapy_decimal128",
}
PLACEHOLDER_TYPES = sorted({v for v in PLACEHOLDERS.values() if v.startswith("__terrapy")})
PRELUDE = "".join(f"typedef int {n};\n" for n in PLACEHOLDER_TYPES) + (
    "typedef struct __terrapy_va_list_tag { unsigned int gp_offset; unsigned int fp_offset;"
    " void *overflow_arg_area; void *reg_save_area; } __builtin_va_list[1];\n")
PRELUDE_LINES = PRELUDE.count("\n")

RENAME = {
    "__restrict": None, "__restrict__": None, "__extension__": None, "_Noreturn": None,
    "__inline": "inline", "__inline__": "inline", "__volatile__": "volatile",
    "__volatile": "volatile", "__const": "const", "__const__": "const",
    "__signed__": "signed", "__signed": "signed", "__alignof__": "_Alignof",
    "__alignof": "_Alignof", "__thread": None, "_Thread_local": None,
    "__complex__": "_Complex", "__complex": "_Complex", "__builtin_va_list": "__builtin_va_list",
    "__gnuc_va_list": "__gnuc_va_list", "__auto_type": "int", "_Nonnull": None,
    "_Nullable": None, "__attribute_const__": None,
}

_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\f\v]+|\\\n)
  | (?P<nl>\n)
  | (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.'])*)
  | (?P<str>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*")
  | (?P<chr>(?:[uUL])?'(?:[^'\\\n]|\\.)*')
  | (?P<op>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|\#\#|[{}()\[\];,:?~!%^&*+\-/<>=.\#])
  | (?P<other>.)
""", re.X | re.S)


@dataclass
class Tok:
    kind: str       # id num str chr op pp (a whole `#...` line) other
    text: str
    start: int      # offset in the input text
    end: int
    nl: int = 0     # newlines between the previous token and this one


def tokenize(text: str) -> list[Tok]:
    """C tokens of preprocessed text; `#` lines (line markers, pragmas) are single `pp` tokens."""
    toks: list[Tok] = []
    pos, n, bol, nls = 0, len(text), True, 0
    while pos < n:
        if bol:
            j = pos
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] == "#":
                e = text.find("\n", j)
                e = n if e < 0 else e
                toks.append(Tok("pp", text[j:e], j, e, nls))
                pos, bol, nls = e, False, 0
                continue
        m = _TOKEN.match(text, pos)
        kind = m.lastgroup
        if kind == "nl":
            bol = True
            nls += 1
        elif kind == "ws":
            nls += m.group().count("\n")
        else:
            toks.append(Tok(kind, m.group(), pos, m.end(), nls))
            bol, nls = False, 0
        pos = m.end()
    return toks


@dataclass
class Cleaned:
    text: str
    attrs: dict[int, dict] = field(default_factory=dict)    # marker k -> {"asm":..., "packed":...}
    bodies: list[str] = field(default_factory=list)         # original text of definitions with bodies
    notes: list[str] = field(default_factory=list)


class _Scope:
    __slots__ = ("kind", "decl_start", "open_index", "pending")

    def __init__(self, kind, decl_start, open_index=None):
        self.kind, self.decl_start, self.open_index = kind, decl_start, open_index
        self.pending: dict = {}


def _matching(toks, i, open_="(", close=")"):
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text
        if toks[j].kind == "op":
            if t == open_:
                depth += 1
            elif t == close:
                depth -= 1
                if depth == 0:
                    return j
    return len(toks) - 1


def _split_args(toks):
    """Split a token list at top-level commas."""
    out, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "op" and t.text in "([{":
            depth += 1
        elif t.kind == "op" and t.text in ")]}":
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == ",":
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        out.append(cur)
    return out


def _int(toks):
    """Best-effort constant of an attribute argument (a literal, or a simple expression)."""
    s = " ".join(t.text for t in toks)
    s = re.sub(r"(?<=[0-9a-fA-F])[uUlL]+\b", "", s)
    if not re.fullmatch(r"[0-9a-fA-FxX()+\-*/<> ]*", s):
        return None
    try:
        return int(eval(s.replace("/", "//"), {"__builtins__": {}}))
    except Exception:
        return None


def parse_attribute(toks, info: dict) -> None:
    """`__attribute__((a, b(x)))` contents (between the double parens) into info."""
    for arg in _split_args(toks):
        if not arg or arg[0].kind != "id":
            continue
        name = arg[0].text.strip("_")
        params = arg[2:-1] if len(arg) > 1 and arg[1].text == "(" else []
        if name == "packed":
            info["packed"] = True
        elif name == "aligned":
            n = _int(params) if params else 16
            if n:
                info["aligned"] = max(info.get("aligned", 1), n)
        elif name == "mode" and params:
            info["mode"] = params[0].text.strip("_")
        elif name == "vector_size" and params:
            n = _int(params)
            if n:
                info["vector_size"] = n


class GnuCleaner:
    def __init__(self, text: str):
        self.src = text
        self.toks = tokenize(text)
        self.out: list[str] = []          # emitted pieces, parallel-ish to token positions
        self.out_kinds: list[str] = []    # significant kinds of what was emitted
        self.out_src: list[int | None] = []   # source offset of each emitted piece
        self.cur_src: int | None = None
        self.result = Cleaned("")
        self.pack_stack: list[int | None] = []
        self.pack: int | None = None
        self.scopes = [_Scope("file", 0)]

    # --- emission -------------------------------------------------------
    def emit(self, text: str, kind="tok"):
        self.out.append(text)
        self.out_kinds.append(kind)
        self.out_src.append(self.cur_src if kind == "tok" else None)

    def insert(self, index: int, text: str):
        self.out.insert(index, text)
        self.out_kinds.insert(index, "marker")
        self.out_src.insert(index, None)

    def last_sig(self, back=1):
        """The back-th last emitted significant token text."""
        k = 0
        for text, kind in zip(reversed(self.out), reversed(self.out_kinds)):
            if kind in ("tok",):
                k += 1
                if k == back:
                    return text
        return None

    def new_marker(self, info: dict) -> str:
        k = len(self.result.attrs)
        self.result.attrs[k] = info
        return f"int {MARKER}{k};"

    def add_decl_attrs(self, info: dict):
        """Attach info to the declaration being read in the current scope."""
        scope = self.scopes[-1]
        if scope.kind not in ("file", "struct"):
            return
        for key, value in info.items():
            if key == "aligned":
                scope.pending["aligned"] = max(scope.pending.get("aligned", 1), value)
            else:
                scope.pending.setdefault(key, value)

    def flush_decl(self):
        """End of a declaration in the current scope: place its marker before it."""
        scope = self.scopes[-1]
        if scope.pending:
            self.insert(scope.decl_start, self.new_marker(scope.pending))
            scope.pending = {}
        scope.decl_start = len(self.out)

    # --- main loop ------------------------------------------------------
    def run(self) -> Cleaned:
        toks, i = self.toks, 0
        while i < len(toks):
            self.cur_src = toks[i].start
            if toks[i].nl:
                self.emit("\n" * toks[i].nl, "nl")
            i = self.step(i)
        self.result.text = PRELUDE + "".join(
            p if k in ("pp", "nl") else " " + p for p, k in zip(self.out, self.out_kinds))
        return self.result

    def struct_attr_target(self):
        """If the last emitted tokens are `struct [tag]` (attribute right after the
        keyword or tag), or `}` closing a struct body."""
        a, b = self.last_sig(1), self.last_sig(2)
        if a in ("struct", "union") or (b in ("struct", "union") and a and a.isidentifier()):
            return "head"
        return None

    def step(self, i: int) -> int:
        toks = self.toks
        t = toks[i]
        text = t.text
        if t.kind == "pp":
            self.pragma(text)
            return i + 1
        if t.kind == "id":
            if text in ("__attribute__", "__attribute"):
                j = _matching(toks, i + 1)
                info: dict = {}
                parse_attribute(toks[i + 3:j - 1], info)
                self.place_attribute(info, toks, j + 1)
                return j + 1
            if text in ("__asm__", "__asm", "asm"):
                k = i + 1
                while k < len(toks) and toks[k].kind == "id":   # volatile, goto, inline
                    k += 1
                j = _matching(toks, k)
                strings = [x.text for x in toks[k + 1:j] if x.kind == "str"]
                scope = self.scopes[-1]
                if len(self.out) == scope.decl_start:
                    # a top-level asm statement: drop it with its `;`
                    if j + 1 < len(toks) and toks[j + 1].text == ";":
                        j += 1
                    return j + 1
                name = "".join(_unquote(s) for s in strings)
                self.add_decl_attrs({"asm": name})
                return j + 1
            if text in ("_Static_assert", "static_assert") and i + 1 < len(toks) and toks[i + 1].text == "(":
                j = _matching(toks, i + 1)
                if j + 1 < len(toks) and toks[j + 1].text == ";":
                    j += 1
                return j + 1
            if text in ("__typeof__", "__typeof", "typeof"):
                j = _matching(toks, i + 1)
                inner = toks[i + 2:j]
                if inner and all(x.kind == "id" or x.text == "*" for x in inner):
                    self.emit(" ".join(x.text for x in inner))
                else:
                    self.result.notes.append(
                        f"__typeof__({' '.join(x.text for x in inner)}) replaced by int")
                    self.emit("int")
                return j + 1
            if text == "_Alignas":
                j = _matching(toks, i + 1)
                n = _int(toks[i + 2:j])
                if n is None:
                    self.emit("_Alignas")
                    return i + 1
                self.add_decl_attrs({"aligned": n})
                return j + 1
            if text in ("__builtin_offsetof", "__builtin_types_compatible_p"):
                self.emit(text)
                return i + 1
            if text in RENAME:
                if RENAME[text]:
                    self.emit(RENAME[text])
                return i + 1
            if text in ("signed", "unsigned") and i + 1 < len(toks) and toks[i + 1].text == "__int128":
                self.emit("__terrapy_uint128" if text == "unsigned" else "__terrapy_int128")
                return i + 2
            if text == "__int128" and i + 1 < len(toks) and toks[i + 1].text in ("unsigned", "signed"):
                self.emit("__terrapy_uint128" if toks[i + 1].text == "unsigned" else "__terrapy_int128")
                return i + 2
            if text in PLACEHOLDERS:
                self.emit(PLACEHOLDERS[text])
                return i + 1
            self.emit(text)
            return i + 1
        if t.kind == "op":
            return self.punct(i)
        self.emit(text)
        return i + 1

    def place_attribute(self, info: dict, toks, after: int):
        if not info:
            return
        scope = self.scopes[-1]
        if self.struct_attr_target() == "head":
            scope.pending.setdefault("__struct_head", {}).update(info)
            return
        if self.last_sig() == "}" and getattr(self, "last_closed_struct", None) == len(self.out):
            # `struct {...} __attribute__((packed))`: qualify the struct just closed
            idx = self.last_struct_open
            self.insert(idx, self.new_marker(dict(info, struct=True)))
            self.last_closed_struct = len(self.out)
            return
        self.add_decl_attrs(info)

    def pragma(self, text: str):
        m = re.match(r"#\s*pragma\s+pack\s*\(\s*(.*?)\s*\)", text)
        if m:
            args = [a.strip() for a in m.group(1).split(",") if a.strip()]
            if not args:
                self.pack = None
            elif args[0] == "push":
                self.pack_stack.append(self.pack)
                nums = [a for a in args[1:] if a.isdigit()]
                if nums:
                    self.pack = int(nums[0])
            elif args[0] == "pop":
                self.pack = self.pack_stack.pop() if self.pack_stack else None
            elif args[0].isdigit():
                self.pack = int(args[0])
            return
        if re.match(r"#\s*\d+\s|#\s*line\s", text):
            # a line marker; pycparser reads `# N "file"` (drop the flags after the name)
            m = re.match(r'#\s*(?:line\s+)?(\d+)\s*("(?:[^"\\]|\\.)*")?', text)
            self.emit("# " + m.group(1) + (" " + m.group(2) if m.group(2) else ""), "pp")
            return
        # other pragmas and directives: dropped

    def punct(self, i: int) -> int:
        toks = self.toks
        text = toks[i].text
        scope = self.scopes[-1]
        if text == "{":
            prev, prev2 = self.last_sig(1), self.last_sig(2)
            if prev in ("struct", "union") or (prev2 in ("struct", "union") and prev and prev.isidentifier()):
                self.emit("{")
                head = scope.pending.pop("__struct_head", {})
                inner = _Scope("struct", len(self.out), len(self.out))
                self.scopes.append(inner)
                if self.pack is not None:
                    head = dict(head)
                    head["pack"] = self.pack
                if head:
                    self.emit(self.new_marker(dict(head, struct=True)), "marker")
                    inner.decl_start = len(self.out)
                return i + 1
            if scope.kind == "file" and prev == ")" :
                return self.drop_body(i)
            kind = "enum" if prev == "enum" or prev2 == "enum" else "brace"
            self.emit("{")
            self.scopes.append(_Scope(kind, len(self.out)))
            return i + 1
        if text == "}":
            closing = self.scopes.pop() if len(self.scopes) > 1 else scope
            if closing.kind == "struct":
                closing.pending.pop("__struct_head", None)
                if closing.pending:    # a member without `;` before `}`: keep its attributes anyway
                    self.scopes.append(closing)
                    self.flush_decl()
                    self.scopes.pop()
                self.emit("}")
                self.last_struct_open = closing.open_index
                self.last_closed_struct = len(self.out)
                return i + 1
            self.emit("}")
            return i + 1
        if text == ";":
            self.emit(";")
            if scope.kind in ("file", "struct"):
                scope.pending.pop("__struct_head", None)
                self.flush_decl()
            return i + 1
        self.emit(text)
        return i + 1

    def drop_body(self, i: int) -> int:
        """A function definition at file scope: keep the prototype, note the body."""
        toks = self.toks
        j = _matching(toks, i, "{", "}")
        scope = self.scopes[-1]
        start_piece = scope.decl_start
        # original text of the whole definition, from the first token after the previous declaration
        first = self._source_offset(start_piece, i)
        self.result.bodies.append(self.src[first:toks[j].end])
        self.add_decl_attrs({"body": len(self.result.bodies) - 1})
        self.emit(";")
        self.flush_decl()
        return j + 1

    def _source_offset(self, piece_index: int, fallback_tok: int) -> int:
        """Offset in the source of the first token emitted at or after piece_index."""
        for k in range(piece_index, len(self.out)):
            if self.out_src[k] is not None:
                return self.out_src[k]
        return self.toks[fallback_tok].start


def _unquote(s: str) -> str:
    s = s[s.index('"') + 1:-1]
    return bytes(s, "utf-8").decode("unicode_escape", errors="replace")


def clean(text: str) -> Cleaned:
    """The whole pass: preprocessed GNU C text -> Cleaned."""
    return GnuCleaner(text).run()
