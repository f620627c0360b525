#!/usr/bin/python3
# test_registry_service.py: the installed registry as its unit runs it, on a
# throw-away PostgreSQL cluster: migrate and serve read the packaged
# configuration file; serve says READY=1 once its port accepts connections and
# STOPPING=1 when asked to stop; the packaged backup script dumps the database
# while it serves, restores the dump into a fresh cluster (once: never over
# tables), and the installed registry serves the restored data.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packaging_env import (NotifyListener, PostgresCluster, check, ensure_packages,  # noqa
                           fail, in_root, log, run)

REGISTRY = in_root("usr/bin/practitioner-registry")
# installed under /usr, the registry finds them itself; in the scratch root
# it is told where they are
DICTIONARIES = in_root("usr/share/practitioner-kiosk/dictionaries")
PG_BACKUP = in_root("usr/sbin/practitioner-registry-pg-backup")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_number(seq):
    """A valid resident ID number (GB 11643 check character)."""
    body = "110105198%d%02d%02d%03d" % (seq % 10, seq % 12 + 1, seq % 28 + 1, seq % 1000)
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS))
    return body + "10X98765432"[total % 11]


def filing(seq):
    number = resident_number(seq)
    return {
        "filing_id": str(uuid.uuid4()), "source": "card", "doc_type": "resident",
        "doc_number": number, "name": "服务测试", "sex": "男", "nation": "汉",
        "birth_date": "%s-%s-%s" % (number[6:10], number[10:12], number[12:14]),
        "address": "北京市东城区测试路3号", "issuer": "北京市公安局东城分局",
        "valid_from": "2020-01-01", "valid_until": "2040-01-01", "card_type": "resident",
    }


def request(port, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data,
                                 method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class Registry:
    """practitioner-registry serve from the scratch root."""

    def __init__(self, work, args, notify=None):
        self.port_file = os.path.join(work, "port-%s" % uuid.uuid4().hex[:8])
        env = dict(os.environ)
        env.pop("REGISTRY_DATABASE", None)
        env["PRACTITIONER_DICTIONARIES"] = DICTIONARIES
        if notify is not None:
            env["NOTIFY_SOCKET"] = notify.path
        self.log = open(os.path.join(work, "registry-%s.log" % uuid.uuid4().hex[:8]), "w")
        self.process = subprocess.Popen([REGISTRY, "serve", "--port-file", self.port_file] + args,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def port(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(self.port_file):
                text = open(self.port_file).read()
                if text.endswith("\n"):
                    return int(text)
            check(self.process.poll() is None, "the registry exited: " + self.output())
            time.sleep(0.05)
        fail("the registry did not listen: " + self.output())

    def output(self):
        self.log.flush()
        return open(self.log.name).read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def main():
    ensure_packages()
    work = tempfile.mkdtemp(prefix="registry-service-")
    os.chmod(work, 0o755)
    clusters = []
    registries = []
    try:
        clusters.append(PostgresCluster())
        url = clusters[0].createdb("registry")

        # the packaged configuration, pointed at this cluster and a free port
        config = os.path.join(work, "registry.conf")
        text = open(in_root("etc/practitioner-registry/registry.conf")).read()
        text, n_listen = re.subn(r"^listen=.*$", "listen=127.0.0.1:0", text, flags=re.M)
        text, n_database = re.subn(r"^database=.*$", "database=" + url, text, flags=re.M)
        check(n_listen == 1 and n_database == 1, "registry.conf has no listen= and database=")
        with open(config, "w") as f:
            f.write(text)

        # ExecStartPre: migrate finds the database through --config alone
        env = dict(os.environ)
        env.pop("REGISTRY_DATABASE", None)
        out = run([REGISTRY, "migrate", "--config", config], env=env)
        version = re.search(r"schema version (\d+) \(was 0\)", out)
        check(version, "migrate: " + out)
        check(clusters[0].psql(url, "SELECT max(version) FROM schema_migrations")
              == version.group(1), "migrate did not bring the configured database up to date")
        token = run([REGISTRY, "admin", "enroll-device", "kiosk-1", "--config", config],
                    env=env).strip()
        check(re.fullmatch(r"[0-9a-f]{64}", token), "token: " + token)

        # ExecStart: READY=1 once the port accepts connections
        notify_dir = tempfile.mkdtemp(dir=work)
        listener = NotifyListener(notify_dir)
        registry = Registry(work, ["--config", config], listener)
        registries.append(registry)
        pid, text, seen = listener.wait_for(lambda p, t: "READY=1" in t.split("\n"), 60,
                                            "READY=1 from the registry")
        check(pid == registry.process.pid, "READY=1 from %s, not the registry" % pid)
        port = registry.port(timeout=1)
        check(("STATUS=serving on port %d" % port) in text, "status: %r" % text)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        log("ok: READY=1 from the installed registry, listening on %d" % port)

        numbers = []
        for seq in range(1, 21):
            body = filing(seq)
            status, answer = request(port, "POST", "/v1/filings", token, body)
            check(status == 201, "filing %d: %s %s" % (seq, status, answer))
            numbers.append(body["doc_number"])

        # a dump while the registry serves
        dump = os.path.join(work, "registry.dump")
        out = run([PG_BACKUP, "dump", url, dump])
        check(os.path.exists(dump) and stat.S_IMODE(os.stat(dump).st_mode) == 0o600,
              "the dump must be mode 0600")
        check(sorted(os.listdir(work)).count("registry.dump") == 1
              and not [n for n in os.listdir(work) if n.startswith(".registry-dump-")],
              "a temporary dump file stayed behind: %s" % os.listdir(work))
        status, answer = request(port, "GET", "/v1/health")
        check(status == 200, "the registry stopped serving during the dump: %s" % answer)

        # SIGTERM: STOPPING=1, then a clean exit
        registry.process.send_signal(signal.SIGTERM)
        listener.wait_for(lambda p, t: p == registry.process.pid and "STOPPING=1" in t, 30,
                          "STOPPING=1")
        check(registry.stop() == 0, "the registry did not exit cleanly: " + registry.output())
        listener.close()
        log("ok: STOPPING=1 and exit status 0 on SIGTERM")

        # restore into a fresh cluster, and serve from it
        clusters.append(PostgresCluster())
        restored = clusters[1].createdb("restored")
        run([PG_BACKUP, "restore", dump, restored])
        again = subprocess.run([PG_BACKUP, "restore", dump, restored], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        check(again.returncode == 1 and "already has" in again.stdout,
              "a restore over tables must be refused: %s" % again.stdout)
        check(clusters[1].psql(restored, "SELECT count(*) FROM filings") == str(len(numbers)),
              "the restored database lost filings")

        served = Registry(work, ["--database", restored, "--listen", "127.0.0.1:0"])
        registries.append(served)
        port = served.port()
        for number in (numbers[0], numbers[-1]):
            status, answer = request(port, "GET", "/v1/persons/resident/%s/state" % number,
                                     token)
            check(status == 200 and answer.get("state") == "filed",
                  "the restored registry answers %s %s" % (status, answer))
        status, answer = request(port, "POST", "/v1/filings", token, filing(99))
        check(status == 201, "the restored registry takes new filings: %s %s" % (status, answer))
        check(served.stop() == 0, "the restored registry did not exit cleanly")
        log("ok: dumped while serving, restored into a fresh cluster, served from it")

        usage = subprocess.run([PG_BACKUP, "dump"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        check(usage.returncode == 2, "usage error: %d" % usage.returncode)
    finally:
        for registry in registries:
            if registry.process.poll() is None:
                registry.process.kill()
                registry.process.wait()
        for cluster in clusters:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("3 passed, 0 failed")


if __name__ == "__main__":
    main()
