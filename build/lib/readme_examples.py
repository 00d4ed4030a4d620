#!/usr/bin/env python3
"""The README's walk-through as a test.

  readme_examples.py script README BASE_URL OUT      writes a bash script of the marked blocks (<!-- walk-through -->)
  readme_examples.py check  README STATUS_LOG        checks the statuses curl saw against what the README states

A command whose text carries a comment starting with an HTTP status (`# 201`, `# 200, ETag: "2"`) must get exactly that
status; every other curl command must get a 2xx. Every curl command of the blocks must have run.
"""
import re
import sys

MARKER = "<!-- walk-through"
README_URL = "http://127.0.0.1:5080"
STATUS_COMMENT = re.compile(r"^#\s*(\d{3})\b")

PRELUDE = r'''set -u
# Every curl records where it was called from (the line of this script), the final HTTP status and its exit code.
curl() {
  local headers extra=()
  headers=$(mktemp)
  for arg in "$@"; do [ "$arg" = "-N" ] && extra=(--max-time 4); done   # live streams: read a few seconds, then go on
  command curl -sS -D "$headers" "${extra[@]}" "$@"
  local rc=$?
  local status
  status=$(awk 'toupper($1) ~ /^HTTP\// { s = $2 } END { print s }' "$headers")
  echo "${BASH_LINENO[0]} ${status:-no-response(curl-exit-$rc)} $rc" >> "$README_STATUS_LOG"
  rm -f "$headers"
  return 0
}
'''


def blocks(readme_lines):
    """(first README line number, lines) of each marked ```bash block."""
    found, i = [], 0
    while i < len(readme_lines):
        if readme_lines[i].startswith(MARKER) and i + 1 < len(readme_lines) and readme_lines[i + 1].strip() == "```bash":
            start, body = i + 2, []
            j = start
            while readme_lines[j].strip() != "```":
                body.append(readme_lines[j])
                j += 1
            found.append((start + 1, body))
            i = j
        i += 1
    return found


def commands(lines, first_line):
    """Split shell lines into commands: (first line, last line, text, stated status or None)."""
    result, current, start, quote = [], [], None, None
    for offset, line in enumerate(lines):
        number = first_line + offset
        if start is None:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            start = number
        current.append(line)
        comment = None
        for k, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
            elif ch == "#" and (k == 0 or line[k - 1].isspace()):
                comment = line[k:]
                break
        if comment:
            current[-1] = line  # keep it: bash ignores it
        if quote is None and not line.rstrip().endswith("\\"):
            text = "\n".join(current)
            stated = None
            for part in current:
                m = re.search(r"(?:^|\s)(#.*)$", part)
                if m and STATUS_COMMENT.match(m.group(1)):
                    stated = STATUS_COMMENT.match(m.group(1)).group(1)
            result.append((start, number, text, stated))
            current, start = [], None
    return result


def script(readme, base_url, out):
    lines = open(readme, encoding="utf-8").read().split("\n")
    parts, line_map = [PRELUDE], []
    script_line = PRELUDE.count("\n") + 1
    for first, body in blocks(lines):
        for offset, line in enumerate(body):
            parts.append(line.replace(README_URL, base_url) + "\n")
            line_map.append((script_line, first + offset))
            script_line += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))
    with open(out + ".map", "w", encoding="utf-8") as f:
        f.writelines(f"{s} {r}\n" for s, r in line_map)


def check(readme, status_log):
    lines = open(readme, encoding="utf-8").read().split("\n")
    cmds = [c for first, body in blocks(lines) for c in commands(body, first) if "curl " in c[2]]
    line_map = dict(tuple(map(int, l.split())) for l in open(status_log.replace(".status", ".sh.map")) if l.strip())
    seen = {}
    for entry in open(status_log, encoding="utf-8"):
        parts = entry.split()
        readme_line = line_map.get(int(parts[0]))
        for cmd in cmds:
            if readme_line is not None and cmd[0] <= readme_line <= cmd[1]:
                seen.setdefault(cmd[0], []).append(parts[1])
                break
    failures = []
    for first, last, text, stated in cmds:
        got = seen.get(first)
        head = text.split("\n")[0][:110]
        if not got:
            failures.append(f"README.md:{first}: never ran: {head}")
            continue
        for status in got:
            ok = status == stated if stated else status.startswith("2")
            if not ok:
                failures.append(f"README.md:{first}: got {status}, README states {stated or '2xx'}: {head}")
    for failure in failures:
        print(failure)
    print(f"readme examples: {len(cmds)} curl commands, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "script":
        script(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
