#!/usr/bin/env python3
"""Runs every ```sh block of a Markdown page, as docs/Tutorial.md's test does.

  run-doc-commands.py [--root DIR] [--bin-dir DIR] [--print-script] PAGE.md

The ```sh blocks (fenced with exactly "sh") are joined, in order, into one
bash script that starts with `set -Eeuo pipefail`, so a variable set in one
block is seen by the next and the first failing command stops the run.  The
script runs from the repository root (--root; default: this script's parent
directory) with --bin-dir (default: <root>/build/bin) first on PATH.  Blocks
fenced ```console, ```text, ```json and so on are output, not commands, and
are skipped.

Stdout and stderr are the commands' own.  When a command fails, the exit
status is the command's, and stderr ends with

  run-doc-commands: PAGE.md:LINE: command failed with exit status N:
      COMMAND (as written on the page, with its continuation lines)

LINE being the page line of the failing command.  (An error bash itself
reports, such as an unset variable under `set -u`, names a line of the
generated script instead; --print-script prints that script.)
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")


def extract_blocks(text, page):
    """Returns [(first line number, [lines])] of the ```sh blocks."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.group(1), m.group(2), m.group(3)
        start = i + 1
        j = start
        while j < len(lines) and not (
                lines[j].strip().startswith(fence[0] * len(fence))
                and lines[j].strip().strip(fence[0]) == ""):
            j += 1
        if j == len(lines):
            raise SystemExit("run-doc-commands: %s:%d: unterminated code block"
                             % (page, i + 1))
        if lang == "sh":
            body = [ln[len(indent):] if ln.startswith(indent) else ln
                    for ln in lines[start:j]]
            blocks.append((start + 1, body))
        i = j + 1
    return blocks


def make_script(blocks, page):
    # Script line -> page line, for the ERR trap. Index 0 is unused.
    preamble = [
        "#!/bin/bash",
        "set -Eeuo pipefail",
        None,  # the line map, filled in below
        # On failure, leave the page line and the status for main() to report.
    "trap 'status=$?; echo \"${__doc_line[$LINENO]:-0} $status\""
    " > \"$RUN_DOC_COMMANDS_FAILURE\"; exit $status' ERR",
    ]
    body = []
    line_map = [0] * (len(preamble) + 1)
    for first, lines in blocks:
        body.append("# %s:%d" % (page, first - 1))
        line_map.append(0)
        for k, ln in enumerate(lines):
            body.append(ln)
            line_map.append(first + k)
    preamble[2] = "__doc_line=(%s)" % " ".join(map(str, line_map))
    return "\n".join(preamble + body) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("--root", default=os.path.dirname(here))
    ap.add_argument("--bin-dir")
    ap.add_argument("--print-script", action="store_true")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    bin_dir = os.path.abspath(a.bin_dir or os.path.join(root, "build", "bin"))
    page = os.path.abspath(a.page)
    with open(page, encoding="utf-8") as f:
        text = f.read()
    shown = os.path.relpath(page, root)
    if shown.startswith(".."):
        shown = page
    blocks = extract_blocks(text, shown)
    if not blocks:
        raise SystemExit("run-doc-commands: %s: no ```sh blocks" % shown)
    script = make_script(blocks, shown)
    # Pages write the default build tree's tools as build/bin/...; run the
    # ones of the tree under test instead.
    default_bin = os.path.join(root, "build", "bin")
    if bin_dir != default_bin:
        script = re.sub(r"(?<![\w/.-])build/bin/", bin_dir + "/", script)
    if a.print_script:
        sys.stdout.write(script)
        return 0
    env = dict(os.environ)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    with tempfile.TemporaryDirectory(prefix="run-doc-commands.") as tmp:
        failure = os.path.join(tmp, "failure")
        env["RUN_DOC_COMMANDS_FAILURE"] = failure
        sys.stdout.flush()
        r = subprocess.run(["/bin/bash", "-c", script,
                            "run-doc-commands-script"], cwd=root, env=env)
        where = None
        if r.returncode and os.path.exists(failure):
            with open(failure) as f:
                where = f.read().split()
    if not r.returncode:
        return 0
    if where and where[0] != "0":
        line = int(where[0])
        lines = text.splitlines()
        command = [lines[line - 1]]
        while command[-1].endswith("\\") and line < len(lines):
            command.append(lines[line])
            line += 1
        print("run-doc-commands: %s:%s: command failed with exit status %d:\n"
              "%s" % (shown, where[0], r.returncode,
                      "\n".join("    " + c for c in command)),
              file=sys.stderr)
    else:
        print("run-doc-commands: %s: FAILED (exit status %d); "
              "--print-script shows the script whose line bash named"
              % (shown, r.returncode), file=sys.stderr)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
