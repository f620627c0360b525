#!/usr/bin/python3
# test_kiosk_session.py: the installed kiosk under the real compositor, as its
# unit runs it: cage (headless backend, software rendering) starts
# practitioner-kiosk --demo from the scratch root as an unprivileged user,
# with a notify socket and a watchdog as systemd would give them.
#
# - READY=1 comes from the kiosk itself (not from cage or the demo's registry)
#   once the welcome page is painted;
# - a screenshot (grim) shows the welcome page covering the whole output;
# - WATCHDOG=1 arrives every half period, stops while the kiosk is stopped
#   (SIGSTOP: a hung kiosk) and resumes when it continues.
#
# systemd is not PID 1 on the machines the tests run on, so the restart that
# follows a missed watchdog is systemd's own and not exercised here; the unit's
# WatchdogSec=, Restart= and start limit are checked by test_packages.py.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packaging_env import (ROOT, NotifyListener, WORK, as_user, check, ensure_packages,  # noqa
                           fail, log, make_private_dir, unprivileged_user)

WATCHDOG_USEC = 2000000  # the kiosk pings every second


def read_ppm(path):
    data = open(path, "rb").read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    check(fields[0] == b"P6" and fields[3] == b"255", "grim wrote no 8-bit PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:]


def border_report(path):
    """How much of the output's border is cage's black background, and how
    many colours the picture has."""
    width, height, pixels = read_ppm(path)

    def pixel(x, y):
        i = 3 * (y * width + x)
        return pixels[i:i + 3]

    border = [(x, y) for x in range(width) for y in (0, height - 1)]
    border += [(x, y) for y in range(height) for x in (0, width - 1)]
    black = sum(1 for x, y in border if pixel(x, y) == b"\0\0\0")
    colours = {pixel(x, y) for x in range(0, width, 7) for y in range(0, height, 7)}
    return width, height, black, len(border), len(colours)


def command_of(pid):
    try:
        return open("/proc/%d/cmdline" % pid, "rb").read().replace(b"\0", b" ").decode()
    except (OSError, TypeError):
        return "gone"


def parent_of(pid):
    try:
        return int(open("/proc/%d/status" % pid).read().split("PPid:")[1].split()[0])
    except (OSError, IndexError):
        return 0


def kiosk_pid_of(ancestor):
    """The kiosk process started (through runuser and cage) by ancestor."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            argv0 = open("/proc/%s/cmdline" % entry, "rb").read().split(b"\0")[0]
        except OSError:
            continue
        if not argv0.endswith(b"/usr/bin/practitioner-kiosk"):
            continue
        pid = int(entry)
        while pid > 1:
            pid = parent_of(pid)
            if pid == ancestor:
                return int(entry)
    return None


def main():
    ensure_packages()
    user = unprivileged_user()
    # a copy the unprivileged user can read wherever the build tree is
    root = tempfile.mkdtemp(prefix="kiosk-root-")
    os.chmod(root, 0o755)
    shutil.copytree(os.path.join(ROOT, "usr"), os.path.join(root, "usr"), dirs_exist_ok=True,
                    symlinks=True)
    shutil.copytree(os.path.join(ROOT, "etc"), os.path.join(root, "etc"), dirs_exist_ok=True,
                    symlinks=True)
    runtime = make_private_dir("kiosk-runtime-", user)
    home = make_private_dir("kiosk-home-", user)
    notify_dir = tempfile.mkdtemp(prefix="kiosk-notify-")
    listener = NotifyListener(notify_dir, user)
    wrapper = os.path.join(home, "session.sh")
    with open(wrapper, "w") as f:
        # systemd names the unit's main process, cage, in WATCHDOG_PID.
        # The output is turned 180° (-r -r) so that cage composites the
        # window: unturned, a window exactly the output's size is handed
        # to the headless output as it is (direct scan-out), and grim
        # reads such an output as all black under the pixman renderer.
        f.write("#!/bin/sh\nexport WATCHDOG_PID=$$\n"
                "exec cage -d -r -r -- %s/usr/bin/practitioner-kiosk --demo --config "
                "%s/etc/practitioner-kiosk/kiosk.conf\n" % (root, root))
    os.chmod(wrapper, 0o755)
    if user is not None:
        os.chown(wrapper, user.pw_uid, user.pw_gid)

    env = {
        "PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": runtime,
        "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
        "GSETTINGS_SCHEMA_DIR": os.path.join(root, "usr/share/glib-2.0/schemas"),
        "GSETTINGS_BACKEND": "memory", "GTK_A11Y": "none", "NO_AT_BRIDGE": "1",
        "PRACTITIONER_KIOSK_LOCALEDIR": os.path.join(root, "usr/share/locale"),
        "PRACTITIONER_REGISTRY": os.path.join(root, "usr/bin/practitioner-registry"),
        "PRACTITIONER_KIOSK_DEMO_CARDS": os.path.join(root,
                                                      "usr/share/practitioner-kiosk/demo-cards"),
        "PRACTITIONER_DICTIONARIES": os.path.join(root,
                                                  "usr/share/practitioner-kiosk/dictionaries"),
        "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": str(WATCHDOG_USEC),
    }
    cage_log = open(os.path.join(home, "cage.log"), "w")
    cage = subprocess.Popen(as_user([wrapper], user), env=env, stdout=cage_log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        run_checks(cage, listener, user, env, runtime)
    except SystemExit:
        cage_log.flush()
        log("---- cage and kiosk output (last lines) ----")
        log("".join(open(cage_log.name, errors="replace").readlines()[-40:]))
        raise
    finally:
        try:
            os.killpg(cage.pid, signal.SIGCONT)
            os.killpg(cage.pid, signal.SIGTERM)
            cage.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(cage.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        cage.wait()
        listener.close()
        for path in (root, runtime, home, notify_dir):
            shutil.rmtree(path, ignore_errors=True)
    print("3 passed, 0 failed")


def run_checks(cage, listener, user, env, runtime):
    # READY=1 from the kiosk: cage's child, after its first frame
    def ready(pid, text):
        return "READY=1" in text.split("\n")

    pid, text, seen = listener.wait_for(ready, 120, "READY=1")
    kiosk = kiosk_pid_of(cage.pid)
    check(kiosk is not None and pid == kiosk,
          "READY=1 came from %s (%s), the kiosk is %s; messages: %s"
          % (pid, command_of(pid), kiosk, seen))
    check(all(p == kiosk for p, _ in seen), "messages from others than the kiosk: %s" % seen)
    check("STATUS=showing the welcome page" in text, "status: %r" % text)
    log("ok: READY=1 from the kiosk (pid %d) after its first frame" % kiosk)

    # the welcome page covers the whole output
    shot = os.path.join(runtime, "shot.ppm")
    grim_env = {"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": runtime,
                "WAYLAND_DISPLAY": "wayland-0"}
    deadline = time.monotonic() + 30
    while True:
        result = subprocess.run(as_user(["grim", "-t", "ppm", shot], user), env=grim_env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check(result.returncode == 0, "grim: " + result.stdout)
        width, height, black, border, colours = border_report(shot)
        if black == 0 and colours >= 4:
            break
        if time.monotonic() > deadline:
            fail("the kiosk does not cover the %dx%d output: %d of %d border pixels are the "
                 "compositor's background, %d colours" % (width, height, black, border, colours))
        time.sleep(0.5)
    png = os.path.join(WORK, "kiosk-under-cage.png")
    subprocess.run(as_user(["grim", os.path.join(runtime, "shot.png")], user), env=grim_env)
    if os.path.exists(os.path.join(runtime, "shot.png")):
        shutil.copy(os.path.join(runtime, "shot.png"), png)
    log("ok: the welcome page covers the %dx%d output (screenshot: %s)" % (width, height, png))

    # the watchdog: pings while the main loop runs, none while it is stopped
    def pings_from_kiosk(messages):
        return [m for m in messages if m[0] == kiosk and m[1] == "WATCHDOG=1"]

    listener.wait_for(lambda p, t: p == kiosk and t == "WATCHDOG=1", 10, "WATCHDOG=1")
    listener.wait_for(lambda p, t: p == kiosk and t == "WATCHDOG=1", 10, "a second WATCHDOG=1")
    os.kill(kiosk, signal.SIGSTOP)
    try:
        listener.receive()
        time.sleep(3.5 * WATCHDOG_USEC / 2 / 1e6)
        while_stopped = pings_from_kiosk(listener.receive())
        check(not while_stopped, "WATCHDOG=1 while the kiosk was stopped: %s" % while_stopped)
    finally:
        os.kill(kiosk, signal.SIGCONT)
    listener.wait_for(lambda p, t: p == kiosk and t == "WATCHDOG=1", 10,
                      "WATCHDOG=1 after the kiosk continued")
    check(cage.poll() is None, "cage exited")
    log("ok: WATCHDOG=1 every %.1f s, none while the kiosk was stopped"
        % (WATCHDOG_USEC / 2 / 1e6))


if __name__ == "__main__":
    main()
