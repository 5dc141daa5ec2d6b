"""What the optimized IR of a terra function says, as `f:disas()` prints it:
attributes that must survive -O3 (Terra programs check IR text the same way)."""
import subprocess
import sys
import textwrap


def optimized_ir(tmp_path, source: str) -> str:
    script = tmp_path / "ir.t"
    script.write_text(textwrap.dedent(source))
    result = subprocess.run([sys.executable, "-m", "terrapy", str(script)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_volatile_loads_and_stores_are_kept_one_for_one(tmp_path):
    out = optimized_ir(tmp_path, """
        terra spin(p : &int) : int
          var s = 0
          for i = 0, 4 do s = s + terralib.attrload(p, {isvolatile = true}) end
          terralib.attrstore(p, s, {isvolatile = true, align = 4})
          terralib.attrstore(p, s, {isvolatile = true})
          return s
        end
        terra plain(p : &int) : int
          var s = 0
          for i = 0, 4 do s = s + terralib.attrload(p, {}) end
          terralib.attrstore(p, s, {})
          terralib.attrstore(p, s, {})
          return s
        end
        local x = terralib.new(int[1], {5})
        assert(spin(x) == 20 and x[0] == 20)
        print("== spin") spin:setinlined(false) spin:disas()
        print("== plain") plain:disas()
    """)
    spin, plain = out.split("== plain")
    spin_ir = spin.split("define")[1].split("\n}")[0]
    plain_ir = plain.split("define")[1].split("\n}")[0]
    assert spin_ir.count("load volatile i32") == 4
    assert spin_ir.count("store volatile i32") == 2
    assert "volatile" not in plain_ir
    assert plain_ir.count("load i32") == 1 and plain_ir.count("store i32") == 1
