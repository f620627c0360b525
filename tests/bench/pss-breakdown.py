#!/usr/bin/env python3
# pss-breakdown.py: where the idle kiosk's PSS goes, beside the minimal window's
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (under a display with a window manager):
#   tests/display/run-under-display.sh tests/bench/pss-breakdown.py \
#       build/src/kiosk/practitioner-kiosk build/tests/bench/minimal-window [RUNS] [TOP]
#
# Starts each program as tests/bench/startup does (one at a time, the kiosk
# with a fresh data folder), waits for its first frame and IDLE_SECONDS
# more, reads /proc/PID/smaps of it and its children, and groups the PSS by
# what is mapped: each shared library, [heap], thread stacks, other anonymous
# memory, fonts, the pinyin data, the handwriting model, sqlite files, icon
# caches, GL drivers. Prints, for the default renderer and for cairo, the
# groups sorted by how much more the kiosk has than the minimal window
# (medians over RUNS), so the next cut can be chosen from the top.
#
# PSS shares a library's pages among the processes that map it: compare the
# two columns of one run, never figures across runs.

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

IDLE_SECONDS = 5

GL_LIBS = re.compile(r"(/dri/|libLLVM|libGLX|libGL\.|libEGL|libgallium|libglapi|libgbm|"
                     r"libdrm|libvulkan|libepoxy|libxshmfence|libsensors|libelf|libz3)")


def group_of(path, size_kib):
    """The group a mapping's PSS is counted in."""
    if path == "":
        # glibc gives every thread an 8 MiB stack (plus a guard page apart)
        return "anon: thread stacks" if size_kib == 8192 else "anon: other (malloc arenas, GL, …)"
    if path == "[heap]":
        return "[heap]"
    if path.startswith("[stack"):
        return "[stack]"
    if path.startswith("["):
        return path
    if path.startswith("/memfd:") or path.startswith("/dev/"):
        return path.split(" ")[0]
    base = os.path.basename(path.replace(" (deleted)", ""))
    if re.search(r"\.(ttf|otf|ttc|pfb|woff2?)$", base) or "/fonts/" in path:
        return "fonts"
    if "fontconfig" in path:
        return "fontconfig cache"
    if GL_LIBS.search(path):
        return "GL drivers"
    if re.search(r"\.so(\.|$)", base):
        return re.sub(r"\.so.*$", ".so", base)
    if "pinyin" in path:
        return "pinyin data"
    if base.endswith(".model") or "zinnia" in path:
        return "handwriting model"
    if base.startswith("kiosk.db") or base.endswith(".db") or base.endswith(".db-shm"):
        return "sqlite: " + base
    if base.endswith("icon-theme.cache") or "/icons/" in path:
        return "icon theme caches"
    if base == "locale-archive" or path.endswith(".mo"):
        return "locale / translations"
    return base


def smaps_of(pid):
    """{group: PSS KiB} of @pid and its children."""
    groups = {}
    try:
        with open(f"/proc/{pid}/smaps") as f:
            lines = f.read().splitlines()
    except OSError:
        return groups
    path, size = "", 0
    for line in lines:
        fields = line.split(None, 5)
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            path = fields[5] if len(fields) > 5 else ""
            start, end = (int(x, 16) for x in fields[0].split("-"))
            size = (end - start) // 1024
        elif fields and fields[0] == "Pss:":
            key = group_of(path, size)
            groups[key] = groups.get(key, 0) + int(fields[1])
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = f.read().split()
    except OSError:
        children = []
    for child in children:
        for key, kib in smaps_of(int(child)).items():
            groups[key] = groups.get(key, 0) + kib
    return groups


def measure(argv, renderer):
    env = dict(os.environ, PRACTITIONER_KIOSK_STARTUP_PROBE="1")
    if renderer:
        env["GSK_RENDERER"] = renderer
    else:
        env.pop("GSK_RENDERER", None)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    for line in proc.stdout:
        if line.startswith("renderer: "):
            break
    time.sleep(IDLE_SECONDS)
    groups = smaps_of(proc.pid)
    proc.terminate()
    proc.wait()
    return groups


def medians(samples):
    keys = set().union(*samples)
    return {k: statistics.median(s.get(k, 0) for s in samples) for k in keys}


def main():
    if len(sys.argv) < 3:
        print(__doc__ or "usage: pss-breakdown.py KIOSK MINIMAL-WINDOW [RUNS] [TOP]",
              file=sys.stderr)
        return 2
    kiosk, minimal = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    for renderer in (None, "cairo"):
        k_samples, m_samples = [], []
        for _ in range(runs):
            folder = tempfile.mkdtemp(prefix="bench-pss-")
            try:
                k_samples.append(measure([kiosk, "--data-folder", folder], renderer))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            m_samples.append(measure([minimal], renderer))
        k, m = medians(k_samples), medians(m_samples)
        k_total = statistics.median(sum(s.values()) for s in k_samples)
        m_total = statistics.median(sum(s.values()) for s in m_samples)
        label = renderer or "default"
        print(f"pss-breakdown-{label}: kiosk {k_total / 1024:.1f} MiB, minimal window "
              f"{m_total / 1024:.1f} MiB ({k_total / m_total:.2f} x), {runs} runs, medians")
        print(f"{'group':<44} {'kiosk':>9} {'minimal':>9} {'extra':>9}   (KiB)")
        rows = sorted(set(k) | set(m), key=lambda g: k.get(g, 0) - m.get(g, 0), reverse=True)
        for g in rows[:top]:
            print(f"{g[:44]:<44} {k.get(g, 0):>9.0f} {m.get(g, 0):>9.0f} "
                  f"{k.get(g, 0) - m.get(g, 0):>+9.0f}")
        rest = rows[top:]
        print(f"{'(' + str(len(rest)) + ' more groups)':<44} "
              f"{sum(k.get(g, 0) for g in rest):>9.0f} {sum(m.get(g, 0) for g in rest):>9.0f} "
              f"{sum(k.get(g, 0) - m.get(g, 0) for g in rest):>+9.0f}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
