"""One test per Terra form of LANGUAGE.md section 1: the trees the parser
builds (spans do not compare) and the Lua it emits (line-aligned)."""
import pytest

from terrapy import trees as T
from terrapy.parser.grammar import parse
from terrapy.parser.translate import translate


def L(code, *names):
    return T.LuaExpr(code, tuple(names), span=None)


def N(value, type="int"):
    return T.Number(value, type, span=None)


def V(name):
    return T.Var(name, span=None)


def tr(src, importer=None):
    result = translate(src, "=t", "k", importer=importer)
    assert result.lua.count("\n") == src.count("\n"), result.lua
    return result


def chain_items(src):
    chain = tr(src).trees[-1]   # quotes inside are registered first
    assert isinstance(chain, T.DefinitionChain)
    return chain.items


def body_of(src):
    """The statements of the single terra function in `src` (`;` leaves empty blocks out)."""
    (item,) = chain_items(src)
    return tuple(s for s in item.body.body.statements if s != T.Block((), span=None))


def expr_of(src_expr):
    (stmt,) = body_of(f"terra f()\n return {src_expr}\nend")
    (value,) = stmt.values
    return value


EMPTY = T.Block((), span=None)
INT = L("int", "int")


# ----------------------------------------------------------------- terra functions

def test_terra_named_function():
    (item,) = chain_items("terra f(a : int, b : double) : int\n  return a\nend")
    assert item == T.FunctionDef(("f",), False, False, T.FunctionBody(
        (T.Param("a", INT, span=None), T.Param("b", L("double", "double"), span=None)),
        False, INT, T.Block((T.Return((V("a"),), span=None),), span=None), span=None), span=None)


def test_terra_local_function():
    result = tr("local terra g()\nend\nreturn g")
    (item,) = result.trees[0].items
    assert item.path == ("g",) and item.local and not item.method
    assert result.lua.count("local g") == 1


def test_terra_table_path_function():
    (item,) = chain_items("terra a.b.c(x : int) end")
    assert item.path == ("a", "b", "c") and not item.method and not item.local
    assert item.body.params == (T.Param("x", INT, span=None),)


def test_terra_method():
    (item,) = chain_items("terra A:m(x : int) : {} end")
    assert item.path == ("A", "m") and item.method
    assert item.body.return_type == L("{}")


def test_terra_varargs():
    (item,) = chain_items("terra f(a : rawstring, ...) end")
    assert item.body.varargs


def test_definition_chain_groups_consecutive_definitions():
    result = tr("terra f() end\nstruct S {}\nterra g() end\nlocal x = 1\nterra h() end")
    assert len(result.trees) == 2
    assert [i.path for i in result.trees[0].items] == [("f",), ("S",), ("g",)]
    assert [i.path for i in result.trees[1].items] == [("h",)]


def loads_in_luajit(lua):
    """The emitted Lua is syntactically valid for LuaJIT (it is compiled, not run)."""
    import lupa.luajit21 as lupa
    runtime = lupa.LuaRuntime(register_eval=False)
    function, message = runtime.eval("function(s) local f, m = loadstring(s) return f ~= nil, m end")(lua)
    assert function, f"{message}\n{lua}"


@pytest.mark.parametrize("src", [
    "terra g() return 2 end;",
    "struct S { x : int };",
    "struct S;",
    "local function h()\n  local terra f() return 1 end; return f()\nend",
    "terra f :: int -> int;",
    "local terra f :: int -> int;\nreturn f",
    "local struct S { x : int };",
    "local terra f() end;",
    "terra a() end; terra b() end",
    "terra a() end; terra b() end;",
    "terra a() end\n;(g)()",
    "terra a() end --[[ c ]] ;",
    "struct S(fn) { x : int };",
    "do terra f() end; end",
    "struct S {}\nterra S.methods.f() end;",
])
def test_semicolon_after_definitions(src):
    """Lua takes an optional `;` after any statement, a terra or struct one too;
    LuaJIT has no empty statement, so the emitted call must not add a second `;`."""
    result = tr(src)
    assert ";;" not in result.lua
    loads_in_luajit(result.lua)


def test_semicolon_ends_definition_chain():
    """`;` is a statement separator: like a Lua statement, it ends the chain."""
    result = tr("terra a() end; terra b() end\nterra c() end")
    assert [[i.path for i in tree.items] for tree in result.trees] == [[("a",)], [("b",), ("c",)]]
    assert [[i.path for i in tree.items] for tree in tr("terra a() end terra b() end").trees] \
        == [[("a",), ("b",)]]


def test_definition_call_keeps_its_semicolon():
    """Without a `;` in the source, the call ends with one, so that a next line
    starting with `(` does not continue it."""
    result = tr("terra a() end\n(g)()")
    assert result.lua.split("\n")[0].endswith(");")
    loads_in_luajit(result.lua)


@pytest.mark.parametrize("src, path", [
    ("struct S { x : int }\nterra S.methods.create(v : int) : S return S{v} end", "S.methods.create"),
    ("local struct S { x : int }\nterra S.methods.create() end", "S.methods.create"),
    ("struct ns.S {}\nterra ns.S.methods.f() end", "ns.S.methods.f"),
    ("struct S {}\nterra S.methods.f :: {} -> {}", "S.methods.f"),
])
def test_table_path_function_is_read_after_the_chain_structs(src, path):
    """A function at a table path is not looked up before the chain runs (its head
    may be a struct of the same chain): it gets an accessor, as a method gets its
    receiver, and the setter assigns only the struct."""
    result = tr(src)
    first = result.lua.split("\n")[0]
    assert f"if __v then {path} = __v else return {path} end" in first
    assert f" end, {path}" not in first and f"{path} = __1 end" not in first
    loads_in_luajit(result.lua)


def test_terra_declaration():
    (item,) = chain_items("terra f :: {int, double} -> {int}")
    assert item == T.FunctionDecl(("f",), False, False,
                                  L("__T.arrow({int, double} , {int})", "double", "int"), span=None)


def test_local_terra_declaration():
    (item,) = chain_items("local terra f :: int -> int")
    assert isinstance(item, T.FunctionDecl) and item.local and item.path == ("f",)


def test_anonymous_terra_expression():
    result = tr("local x = terra(a : &int)\n return @a\nend")
    (fn,) = result.trees
    assert fn == T.AnonFunction(T.FunctionBody(
        (T.Param("a", L("__T.pointer(int)", "int"), span=None),), False, None,
        T.Block((T.Return((T.UnaryOp("@", V("a"), span=None),), span=None),), span=None),
        span=None), span=None)
    assert "__T.anonfunction(0," in result.lua


# ---------------------------------------------------------------------- structs

def test_struct_separators():
    (item,) = chain_items("struct S { a : int; b : float, c : double\n d : int }")
    assert item == T.StructDef(("S",), False, T.StructBody((
        T.StructEntry("a", INT, span=None), T.StructEntry("b", L("float", "float"), span=None),
        T.StructEntry("c", L("double", "double"), span=None), T.StructEntry("d", INT, span=None),
    ), span=None), None, span=None)


def test_struct_declaration_only():
    (item,) = chain_items("struct S")
    assert item == T.StructDef(("S",), False, None, None, span=None)


def test_local_struct():
    result = tr("local struct L {}")
    (item,) = result.trees[0].items
    assert item == T.StructDef(("L",), True, T.StructBody((), span=None), None, span=None)
    assert "local L;" in result.lua


def test_struct_table_path():
    (item,) = chain_items("struct a.b.S {}")
    assert item.path == ("a", "b", "S") and item.body == T.StructBody((), span=None)


def test_anonymous_struct_expression():
    result = tr("local X = struct { x : int }")
    assert result.trees == [T.AnonStruct(T.StructBody(
        (T.StructEntry("x", INT, span=None),), span=None), span=None)]
    assert "__T.anonstruct(0," in result.lua


def test_struct_metatype():
    (item,) = chain_items("struct S(mt) { x : int }")
    assert item.metatype == L("mt", "mt")
    assert item.body.entries == (T.StructEntry("x", INT, span=None),)


def test_nested_union():
    (item,) = chain_items("struct U { a : int union { b : int; union { c : int d : float } } }")
    assert item.body.entries == (
        T.StructEntry("a", INT, span=None),
        T.UnionEntries((T.StructEntry("b", INT, span=None), T.UnionEntries((
            T.StructEntry("c", INT, span=None), T.StructEntry("d", L("float", "float"), span=None)),
            span=None)), span=None))


# ----------------------------------------------------------------------- quotes

def test_quote_statements():
    result = tr("local q = quote\n var x = 1\nend")
    assert result.trees == [T.Quote(T.Block((T.VarDecl(
        (T.VarName("x", None, span=None),), (N(1),), span=None),), span=None), None, False,
        span=None)]


def test_quote_in():
    result = tr("local q = quote var x = 1 in x, 2 end")
    (q,) = result.trees
    assert q.results == (V("x"), N(2)) and not q.short


def test_backtick_quote():
    result = tr("local r = `1 + 2")
    assert result.trees == [T.Quote(EMPTY, (T.BinaryOp("+", N(1), N(2), span=None),), True,
                                    span=None)]


# ---------------------------------------------------------------------- escapes

def test_escape_in_expression():
    assert expr_of("[e] + 1") == T.BinaryOp("+", T.Escape(L("e", "e"), span=None), N(1), span=None)


def test_escape_statement():
    assert body_of("terra f()\n [st]\nend") == (
        T.ExprStatement(T.Escape(L("st", "st"), span=None), span=None),)


def test_escape_var_name():
    assert body_of("terra f() var [v] = 1 end") == (
        T.VarDecl((T.VarName(L("v", "v"), None, span=None),), (N(1),), span=None),)


def test_escape_field():
    assert expr_of("a.[fld]") == T.Select(V("a"), L("fld", "fld"), span=None)


def test_escape_method():
    assert expr_of("a:[m](2)") == T.MethodCall(V("a"), L("m", "m"), (N(2),), span=None)


def test_escape_label_and_goto():
    assert body_of("terra f() ::[l]:: goto [l] goto done ::done:: end") == (
        T.Label(L("l", "l"), span=None), T.Goto(L("l", "l"), span=None),
        T.Goto("done", span=None), T.Label("done", span=None))


def test_escape_params():
    (item,) = chain_items("terra f([s], b : int, [sl]) end")
    assert item.body.params == (T.Param(L("s", "s"), None, span=None), T.Param("b", INT, span=None),
                                T.Param(L("sl", "sl"), None, span=None))


def test_escape_constructor_keys():
    assert expr_of("{[k] = 1, y = 2, 3}") == T.Constructor((
        T.ConstructorField(L("k", "k"), N(1), span=None),
        T.ConstructorField("y", N(2), span=None),
        T.ConstructorField(None, N(3), span=None)), span=None)


# ------------------------------------------------------------------- statements

def test_var_forms():
    assert body_of("terra f() var a : int, b = 1, 2 var c : double var _ = 3 end") == (
        T.VarDecl((T.VarName("a", INT, span=None), T.VarName("b", None, span=None)), (N(1), N(2)),
                  span=None),
        T.VarDecl((T.VarName("c", L("double", "double"), span=None),), None, span=None),
        T.VarDecl((T.VarName("_", None, span=None),), (N(3),), span=None))


def test_defer():
    assert body_of("terra f() defer g(1) end") == (
        T.Defer(T.Call(V("g"), (N(1),), span=None), span=None),)


def test_switch_case_else():
    src = "terra f()\n switch x do\n case 1 then h()\n case 2 then\n else k()\n end\nend"
    call = lambda name: T.ExprStatement(T.Call(V(name), (), span=None), span=None)
    assert body_of(src) == (T.Switch(V("x"), (
        T.Case(N(1), T.Block((call("h"),), span=None), span=None),
        T.Case(N(2), EMPTY, span=None)), T.Block((call("k"),), span=None), span=None),)


def test_switch_without_else():
    (sw,) = body_of("terra f() switch x do case 1 then end end")
    assert sw.orelse is None and len(sw.cases) == 1


def test_escape_emit_statement():
    (stmt,) = body_of("terra f()\n escape\n emit(1) local y = 2 emit quote end\n end\nend")
    assert isinstance(stmt, T.EscapeBlock)
    assert stmt.lua.code.startswith("__emit((1)) local y = 2 __emit(__T.quote(")


def test_escape_emit_expression():
    (stmt,) = body_of("terra f() return escape emit `1 end end")
    (value,) = stmt.values
    assert isinstance(value, T.EscapeBlock) and value.lua.code.startswith("__emit(__T.quote(")


def test_emit_is_a_name_outside_escape():
    result = tr("local emit = 1\nprint(emit)")
    assert result.trees == []


def test_label_token_in_lua():
    result = tr("::top::\ngoto top")
    assert result.trees == [] and "::top::" in result.lua


# -------------------------------------------------------------- operators

def test_arrow_type():
    (item,) = chain_items("terra f :: int -> int")
    assert item.type == L("__T.arrow(int , int)", "int")


def test_deref_and_address_of():
    assert expr_of("@&a") == T.UnaryOp("@", T.UnaryOp("&", V("a"), span=None), span=None)


def test_shift_operators():
    assert expr_of("a << 1 >> 2") == T.BinaryOp(">>", T.BinaryOp("<<", V("a"), N(1), span=None),
                                                N(2), span=None)


def test_xor():
    assert expr_of("a ^ b") == T.BinaryOp("^", V("a"), V("b"), span=None)


def test_pointer_type_in_lua():
    result = tr("local P = &int")
    assert "__T.pointer(int)" in result.lua


def test_precedence_shift_below_add():
    assert expr_of("a + b << c") == T.BinaryOp(
        "<<", T.BinaryOp("+", V("a"), V("b"), span=None), V("c"), span=None)


def test_precedence_shift_above_comparison_below_concat():
    assert expr_of("a < b << c") == T.BinaryOp(
        "<", V("a"), T.BinaryOp("<<", V("b"), V("c"), span=None), span=None)
    assert expr_of("a << b .. c") == T.BinaryOp(
        "<<", V("a"), T.BinaryOp("..", V("b"), V("c"), span=None), span=None)


def test_precedence_arrow_right_assoc():
    assert expr_of("a -> b -> c") == T.Escape(L("__T.arrow(a , __T.arrow(b , c))", "a", "b", "c"),
                                              span=None)


def test_precedence_pointer_binds_tighter_than_arrow():
    assert expr_of("&int -> int") == T.Escape(L("__T.arrow(__T.pointer(int) , int)", "int"),
                                              span=None)
    result = tr("local t = &int -> int")
    assert "__T.arrow(__T.pointer(int) , int)" in result.lua


def test_xor_keeps_pow_priority():
    assert expr_of("-a ^ b") == T.UnaryOp("-", T.BinaryOp("^", V("a"), V("b"), span=None),
                                          span=None)


# -------------------------------------------------------------- literals

@pytest.mark.parametrize("text, value, type", [
    ("7", 7, "int"), ("0xf", 15, "int"), ("1LL", 1, "int64"), ("1ULL", 1, "uint64"),
    ("0x10ULL", 16, "uint64"), ("2U", 2, "uint32"), ("3.f", 3.0, "float"),
    ("1.0f", 1.0, "float"), ("3.", 3.0, "double"), (".4", 0.4, "double"),
    ("1e2", 100.0, "double"), ("0x1p4", 16.0, "double"), ("0x1.8p1", 3.0, "double"),
])
def test_number_literals(text, value, type):
    number = expr_of(text)
    assert number == T.Number(value, type, span=None)
    assert isinstance(number.value, float) == isinstance(value, float)


def test_string_escapes():
    src = ('terra f() return "a\\n\\t\\\\\\"\\x41\\065\\z\n   b\\\nc\\a\\b\\f\\r\\v\'x", '
           "'q\\'', [[lo\nng]], [==[x]]y]==] end")
    (stmt,) = body_of(src)
    assert stmt.values == (
        T.String(b"a\n\t\\\"AAb\nc\x07\x08\x0c\r\x0b'x", span=None),
        T.String(b"q'", span=None), T.String(b"lo\nng", span=None), T.String(b"x]]y", span=None))


def test_string_decimal_escape_three_digits():
    assert expr_of('"\\0\\1234"') == T.String(b"\x00{4", span=None)


def test_import_calls_importer():
    seen = []
    result = tr('import "mylang"\nlocal x = 1', importer=seen.append)
    assert seen == ["mylang"]
    assert result.ran_code
    assert result.lua.rstrip().endswith("local x = 1")


def test_parse_gives_tree():
    tree = parse("terra f() end", "=t")
    assert tree is not None


@pytest.mark.parametrize("src", ["x = 1\n", "terra f() end\n\n-- hi\n"])
def test_trailing_newlines_kept(src):
    tr(src)
