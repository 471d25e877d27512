#!/usr/bin/env python3
"""Seed corpus for scripts/fuzz: pieces of the repository's test data and course, one file each."""
import hashlib, json, pathlib, re, sys

target, out = sys.argv[1], pathlib.Path(sys.argv[2])
root = pathlib.Path(__file__).resolve().parent.parent
pages = sorted((root / "docs-src").glob("*.md"))
seeds = []

if target == "markdown":
    for name in ["spec-0.31.2.json"]:
        seeds += [bytes([i % 3]) + e["markdown"].encode() for i, e in enumerate(json.loads((root / "Tests/MarkdownTests/Fixtures/commonmark" / name).read_text()))]
    for path in (root / "Tests/MarkdownTests/Fixtures/gfm").glob("*.json"):
        seeds += [b"\x01" + e["markdown"].encode() for e in json.loads(path.read_text()) if "markdown" in e]
    seeds += [b"\x02" + p.read_bytes()[:8192] for p in pages]
elif target == "tex":
    for p in pages + sorted((root / "Tests/TeXMathTests").glob("*.swift")):
        text = p.read_text()
        seeds += [m.encode() for m in re.findall(r"\$\$(.+?)\$\$", text, re.S)]
        seeds += [m.encode() for m in re.findall(r"(?<!\$)\$([^$\n]+)\$(?!\$)", text)]
        seeds += [m.encode().decode("unicode_escape", "ignore").encode() for m in re.findall(r'#"(.+?)"#', text)]
elif target == "directive":
    for p in pages:
        for info, body in re.findall(r"```((?:experiment|derivation) [^\n]*)\n(.*?)```", p.read_text(), re.S):
            seeds.append((info + "\n" + body).encode())
            seeds.append(("kind: " + info.split(" ", 1)[1] + "\n" + body).encode())
elif target == "config":
    seeds.append((root / "docs-src/site.yml").read_bytes())
    for p in pages:
        m = re.match(r"---\n(.*?\n---\n)", p.read_text(), re.S)
        if m: seeds.append(m.group(1).encode())
for seed in seeds:
    if seed: (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
print(f"{len(seeds)} seeds for {target}", file=sys.stderr)
