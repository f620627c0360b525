# packaging_env.py: what the packaging tests share
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian packages are built once per source state (packaging/build-debs.sh,
# under a lock, keyed by a hash of the source files) and unpacked into a
# scratch root that every test of the suite reads; a throw-away PostgreSQL
# cluster; a listener on a notify socket as systemd would have one.

import array
import fcntl
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SOURCE_ROOT = os.environ["PACKAGING_SOURCE_ROOT"]
WORK = os.environ["PACKAGING_WORK"]  # in the build tree, kept between runs
DEBS = os.path.join(WORK, "debs")
ROOT = os.path.join(WORK, "root")
PG_BIN = "/usr/lib/postgresql/15/bin"


def log(*args):
    print(*args, flush=True)


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def run(args, **kwargs):
    """Runs a command; its output goes to the test log; fails the test when it fails."""
    kwargs.setdefault("check", False)
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            **kwargs)
    if result.returncode != 0:
        fail("%s exited with %d:\n%s" % (" ".join(args), result.returncode, result.stdout))
    return result.stdout


def source_files():
    """The files a package is built from, as packaging/build-debs.sh copies them."""
    try:
        out = subprocess.run(["git", "-C", SOURCE_ROOT, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, check=True).stdout
        names = [n.decode() for n in out.split(b"\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for top, dirs, files in os.walk(SOURCE_ROOT):
            rel = os.path.relpath(top, SOURCE_ROOT)
            dirs[:] = [d for d in dirs if not (rel == "." and (d.startswith("build")
                                                                or d in (".git", "debs")))]
            names += [os.path.normpath(os.path.join(rel, f)) for f in files]
    return sorted(n for n in names if os.path.isfile(os.path.join(SOURCE_ROOT, n)))


def source_hash():
    """What the packages are made of. The tests are left out: they are not
    installed, and a change to a test need not build the packages again."""
    digest = hashlib.sha256()
    for name in source_files():
        if name.startswith("tests/"):
            continue
        digest.update(name.encode() + b"\0")
        with open(os.path.join(SOURCE_ROOT, name), "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    return digest.hexdigest()


def ensure_packages():
    """Builds the packages unless this source state was built already, and
    unpacks them into ROOT. Returns the paths of the two .deb files."""
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wanted = source_hash()
        stamp = os.path.join(WORK, "stamp")
        built = open(stamp).read().strip() if os.path.exists(stamp) else None
        if built != wanted:
            for path in (DEBS, ROOT):
                shutil.rmtree(path, ignore_errors=True)
            if os.path.exists(stamp):
                os.unlink(stamp)
            log("building the packages (packaging/build-debs.sh)")
            started = time.monotonic()
            env = dict(os.environ, DEB_BUILD_OPTIONS="nocheck")
            run([os.path.join(SOURCE_ROOT, "packaging", "build-debs.sh"), DEBS], env=env)
            log("packages built in %.0f s" % (time.monotonic() - started))
            os.makedirs(ROOT)
            for deb in debs():
                run(["dpkg-deb", "-x", deb, ROOT])
            # what the packages' triggers would do on a real system
            run(["glib-compile-schemas", os.path.join(ROOT, "usr/share/glib-2.0/schemas")])
            os.chmod(WORK, 0o755)
            with open(stamp, "w") as f:
                f.write(wanted + "\n")
        else:
            log("packages of this source state are built already")
    return debs()


def debs():
    names = sorted(n for n in os.listdir(DEBS) if n.endswith(".deb") and "dbgsym" not in n)
    check([n.split("_")[0] for n in names] == ["practitioner-kiosk", "practitioner-registry"],
          "expected the two packages, found %s" % names)
    return [os.path.join(DEBS, n) for n in names]


def in_root(path):
    return os.path.join(ROOT, path.lstrip("/"))


def unprivileged_user():
    """Who runs what refuses to run as root (cage): nobody when we are root."""
    if os.getuid() != 0:
        return None
    return pwd.getpwnam("nobody")


def as_user(args, user):
    if user is None:
        return args
    return [shutil.which("runuser") or "/usr/sbin/runuser", "-u", user.pw_name, "--"] + args


def make_private_dir(prefix, user=None):
    path = tempfile.mkdtemp(prefix=prefix)
    os.chmod(path, 0o700)
    if user is not None:
        os.chown(path, user.pw_uid, user.pw_gid)
    return path


class NotifyListener:
    """A notify socket as systemd listens on one: datagrams with the sender's
    credentials."""

    def __init__(self, folder, user=None):
        self.path = os.path.join(folder, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.sock.bind(self.path)
        os.chmod(self.path, 0o777)
        if user is not None:
            os.chmod(folder, 0o755)
        self.sock.setblocking(False)

    def receive(self):
        """Every message waiting now, as (pid, text)."""
        messages = []
        while True:
            try:
                data, ancillary, _, _ = self.sock.recvmsg(4096, socket.CMSG_SPACE(12))
            except BlockingIOError:
                return messages
            pid = None
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid = array.array("i", payload[:12])[0]
            messages.append((pid, data.decode(errors="replace")))

    def wait_for(self, predicate, timeout, what):
        """Collects messages until one satisfies predicate(pid, text)."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            for pid, text in self.receive():
                seen.append((pid, text))
                if predicate(pid, text):
                    return pid, text, seen
            time.sleep(0.05)
        fail("no %s within %d s; got %s" % (what, timeout, seen))

    def close(self):
        self.sock.close()


class PostgresCluster:
    """A throw-away PostgreSQL cluster on a unix socket in a temporary folder."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="packaging-pg-")
        self.data = os.path.join(self.dir, "data")
        os.chmod(self.dir, 0o755)
        self.user = pwd.getpwnam("postgres") if os.getuid() == 0 else None
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self._pg(["initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync"])
        self._pg(["pg_ctl", "-w", "-D", self.data, "-l", os.path.join(self.dir, "log"), "-o",
                  "-k %s -c listen_addresses='' -c fsync=off" % self.dir, "start"])

    def _pg(self, args):
        return run(as_user([os.path.join(PG_BIN, args[0])] + args[1:], self.user), cwd=self.dir)

    def createdb(self, name):
        self._pg(["createdb", "-h", self.dir, "-U", "postgres", name])
        return "postgresql://postgres@/%s?host=%s" % (name, self.dir)

    def psql(self, url, sql):
        return run(["psql", "--no-psqlrc", "-qtA", "-d", url, "-c", sql]).strip()

    def stop(self):
        subprocess.run(as_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m",
                                "immediate", "stop"], self.user),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)
