"""Groups twiggy's sizes of a wasm module's items by the crate they come from.

A function is counted for the crate its name starts with; a trait method of a type
(`<Type as Trait>::method`) for the crate of the type. Items without a Rust path (static data,
the table, section headers) are counted under their kind.

    python3 scripts/bundle-attribution.py TOP.csv [TOP]
"""

import csv
import re
import sys
from collections import defaultdict


def crate_of(name: str) -> str:
    name = re.sub(r"\[[0-9a-f]{8,}\]", "", name)
    if name.startswith(("data[", "data segment")):
        return "(static data: strings, tables, vtables)"
    if name.startswith(("elem[", "table[")):
        return "(function table)"
    if name.startswith("export "):
        return "(exports)"
    if name.startswith("import "):
        return "(imports)"
    if name.startswith(("type[", "global[", "memory[")) or "section" in name:
        return "(wasm headers)"
    # `<T as Trait>::method` with a generic or primitive self type: the trait's crate.
    generic = re.match(r"<&?(mut )?([A-Z][A-Za-z0-9]*|char|str|u8|u16|u32|u64|usize|i32|i64|f64|bool) as ([A-Za-z_][A-Za-z0-9_]*)::", name)
    if generic:
        return generic.group(3)
    text = name
    while True:
        stripped = re.sub(r"^(<|&|\*const |\*mut |mut |dyn |\[|\()", "", text)
        if stripped == text:
            break
        text = stripped
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", text)
    if match:
        return match.group(1)
    return "(unnamed or generated: " + re.sub(r"\d+", "N", name.split("::")[0])[:40] + ")"


def main() -> None:
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    by_crate = defaultdict(int)
    count = defaultdict(int)
    total = 0
    items = []
    for row in rows:
        name = row["Name"]
        size = int(row["ShallowSize"])
        # The names kept for this measurement are not shipped.
        if name.startswith("Σ") or "subsection" in name or name.startswith("custom section"):
            continue
        total += size
        crate = crate_of(name)
        by_crate[crate] += size
        count[crate] += 1
        items.append((size, name))
    print(f"{'crate':<48} {'bytes':>9} {'share':>7} {'items':>6}")
    for crate, size in sorted(by_crate.items(), key=lambda kv: -kv[1]):
        if size * 1000 < total:
            continue
        print(f"{crate:<48} {size:>9} {100 * size / total:>6.1f}% {count[crate]:>6}")
    print(f"{'total (items twiggy sizes)':<48} {total:>9}")
    print()
    print(f"The {top} largest items:")
    for size, name in sorted(items, reverse=True)[:top]:
        print(f"{size:>8}  {name[:150]}")


if __name__ == "__main__":
    main()
