#!/usr/bin/env python3
# first-frame-instructions.py: what the kiosk's main thread does before its
# first frame, beside the minimal window, counted in instructions
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage (under a display with a window manager; needs valgrind):
#   tests/display/run-under-display.sh tests/bench/first-frame-instructions.py \
#       build/src/kiosk/practitioner-kiosk build/tests/bench/minimal-window [RUNS]
#
# Runs each program under callgrind with the cairo renderer (llvmpipe under
# valgrind would take minutes), asks callgrind for a dump as soon as the
# program reports its first frame, and prints the main thread's instructions
# in all and in the steps that make the difference: loading the libraries,
# GTK's start, the window's templates, laying out text (HarfBuzz, FreeType),
# drawing. A wall-clock first frame moves by a factor of two on a shared
# machine; these counts move by under one per cent between runs, so a change
# of a few milliseconds can be seen and attributed. Instructions are not
# time (page faults and waits on the X server and D-Bus count for nothing
# here): read them beside the startup benchmark, not instead of it.

import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# (label, callgrind function name): inclusive counts of the main thread
STEPS = [
    ("loading and linking the libraries", "_dl_start"),
    ("GTK's start (display, GL context even under cairo, theme)", "gtk_init"),
    ("style sheets (GTK's theme and the program's)", "gtk_css_provider_load_from_resource"),
    ("templates (GtkBuilder)", "gtk_builder_extend_with_template"),
    ("pictures decoded (PNG)", "png_read_image"),
    ("presenting the window (its first measure)", "gtk_window_present"),
    ("  of which laying out text (Pango)", "pango_layout_get_size"),
    ("  of which shaping text (HarfBuzz)", "hb_shape_full"),
    ("  of which loading glyphs (FreeType)", "FT_Load_Glyph"),
    ("drawing the first frame", "gsk_renderer_render"),
    ("  of which drawing glyphs (cairo)", "cairo_show_glyphs"),
]


def inclusive_costs(path):
    """{function name: inclusive instructions} of one callgrind dump."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
                         capture_output=True, text=True, check=True).stdout
    costs = {"total": 0}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(?:\S*:)?([^\s:']+)(?:'\d+)?\s+\[", line)
        if m:
            name = m.group(2)
            costs[name] = max(costs.get(name, 0), int(m.group(1).replace(",", "")))
        m = re.match(r"\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", line)
        if m:
            costs["total"] = int(m.group(1).replace(",", ""))
    return costs


def measure(argv, folder):
    """Main-thread costs of @argv up to its first frame."""
    out_file = os.path.join(folder, "callgrind.out")
    env = dict(os.environ, PRACTITIONER_KIOSK_STARTUP_PROBE="1", GSK_RENDERER="cairo")
    proc = subprocess.Popen(["valgrind", "--tool=callgrind", "--separate-threads=yes",
                             f"--callgrind-out-file={out_file}", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("renderer:"):
                break
        else:
            sys.exit(f"{argv[0]} stopped before its first frame")
        subprocess.run(["callgrind_control", "--dump", str(proc.pid)],
                       stdout=subprocess.DEVNULL, check=True)
        # the dump is written by the program's own thread when it next runs
        deadline = time.monotonic() + 60
        while not glob.glob(out_file + ".1-01") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
    finally:
        proc.kill()
        proc.wait()
    return inclusive_costs(out_file + ".1-01")


def warm_up(argv):
    """Starts @argv once to its first frame, without valgrind: a kiosk's first
    start makes kiosk.db and runs the migrations, which is not the usual start."""
    env = dict(os.environ, PRACTITIONER_KIOSK_STARTUP_PROBE="1", GSK_RENDERER="cairo")
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    for line in proc.stdout:
        if line.startswith("renderer:"):
            break
    proc.terminate()
    proc.wait()


def main():
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} KIOSK MINIMAL-WINDOW [RUNS]")
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("first-frame-instructions: needs valgrind (apt install valgrind); not measured")
        return
    kiosk, minimal = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    samples = {"kiosk": [], "minimal": []}

    with tempfile.TemporaryDirectory() as data:
        kiosk_argv = [kiosk, "--data-folder", data]
        warm_up(kiosk_argv)
        for _ in range(runs):
            for name, argv in (("kiosk", kiosk_argv), ("minimal", [minimal])):
                with tempfile.TemporaryDirectory() as out:
                    samples[name].append(measure(argv, out))

    def med(name, key):
        return statistics.median(s.get(key, 0) for s in samples[name]) / 1e6

    k, m = med("kiosk", "total"), med("minimal", "total")
    print(f"first-frame-main-thread-instructions: {k:.1f} M (minimal window {m:.1f} M, "
          f"{k / m:.2f} x; cairo, {runs} run(s), median)")
    print(f"{'step (main thread, millions of instructions)':62} {'kiosk':>8} {'minimal':>8} "
          f"{'more':>8}")
    for label, key in STEPS:
        kv, mv = med("kiosk", key), med("minimal", key)
        print(f"{label:62} {kv:8.1f} {mv:8.1f} {kv - mv:+8.1f}")


if __name__ == "__main__":
    main()
