#!/usr/bin/env python3
"""The shared library exports exactly the public API: every dynamic symbol
it defines belongs to a class or function marked NEWSDEX_API in
include/newsdex/*.h, and every such name is exported.

Anything else (the analyzer, the entity extractor, standard-library template
instances) would make an internal change an ABI change.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

# "class NEWSDEX_API Searcher" / "NEWSDEX_API std::string to_json(".
CLASS_RE = re.compile(r"\bclass\s+NEWSDEX_API\s+(\w+)")
FUNCTION_RE = re.compile(r"^\s*NEWSDEX_API\s+[\w:<>,\s\*&]+?\b(\w+)\s*\(", re.M)
# What the C++ ABI adds around a class: vtable, typeinfo and its name.
SPECIAL_RE = re.compile(r"^(vtable|typeinfo|typeinfo name) for (.*)$")


def public_names(include_dir: Path):
    classes, functions = set(), set()
    for header in sorted(include_dir.glob("*.h")):
        text = header.read_text(encoding="utf-8")
        classes.update(CLASS_RE.findall(text))
        functions.update(FUNCTION_RE.findall(text))
    return classes, functions


def exported_symbols(library: Path):
    out = subprocess.run(["nm", "-D", "--defined-only", "-C", str(library)], check=True, capture_output=True,
                         text=True).stdout
    symbols = set()
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1] not in ("A",):  # A: version nodes
            symbols.add(parts[2])
    return symbols


def owner(symbol: str):
    """('class', name) or ('function', name) of a demangled newsdex symbol, else None."""
    special = SPECIAL_RE.match(symbol)
    if special:
        symbol = special.group(2)
    m = re.match(r"newsdex::(\w+)(::|\[|\(|$)", symbol)
    if not m:
        return None
    return (m.group(1), m.group(2) == "::" or bool(special))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--library", required=True, type=Path)
    ap.add_argument("--include", required=True, type=Path, help="include/newsdex")
    args = ap.parse_args()
    classes, functions = public_names(args.include)
    if "Searcher" not in classes or "to_json" not in functions:
        sys.exit(f"found no NEWSDEX_API declarations in {args.include} (classes {classes}, functions {functions})")
    unexpected, seen = [], set()
    for symbol in sorted(exported_symbols(args.library)):
        o = owner(symbol)
        if o is None:
            unexpected.append(symbol)
            continue
        name, is_member = o
        if (is_member and name in classes) or (not is_member and name in functions):
            seen.add(name)
        else:
            unexpected.append(symbol)
    missing = sorted((classes | functions) - seen)
    for s in unexpected:
        print(f"exported but not public API: {s}")
    for name in missing:
        print(f"marked NEWSDEX_API but not exported: newsdex::{name}")
    if unexpected or missing:
        sys.exit(f"{len(unexpected)} unexpected, {len(missing)} missing exports in {args.library}")
    print(f"ok: {len(seen)} public names, nothing else exported")


if __name__ == "__main__":
    main()
