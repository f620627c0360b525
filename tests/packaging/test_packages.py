#!/usr/bin/python3
# test_packages.py: the Debian packages build, pass lintian, hold what a kiosk
# and a registry machine need, and their system files are valid: units
# (systemd-analyze verify), users and folders (systemd-sysusers and
# systemd-tmpfiles on a scratch root), udev rules (udevadm test against
# emulated devices), the dconf lock (dconf compile, read back through GSettings).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import grp
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from packaging_env import (ROOT, DEBS, check, ensure_packages, fail, in_root, log,  # noqa: E402
                           run)

MULTIARCH = subprocess.run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"], capture_output=True,
                           text=True, check=True).stdout.strip()
KIOSK_FILES = [
    "usr/bin/practitioner-kiosk", "usr/bin/idcard-tool",
    "usr/share/locale/zh_CN/LC_MESSAGES/practitioner-kiosk.mo",
    "usr/share/glib-2.0/schemas/org.practitioner.Kiosk.gschema.xml",
    "usr/share/applications/org.practitioner.Kiosk.desktop",
    "usr/share/practitioner-kiosk/demo-cards/resident-chen-jianguo.json",
    "lib/udev/rules.d/70-practitioner-idcard.rules",
    "lib/udev/rules.d/72-practitioner-kiosk-media.rules",
    "lib/systemd/system/practitioner-kiosk.service",
    "usr/lib/sysusers.d/practitioner-kiosk.conf", "usr/lib/tmpfiles.d/practitioner-kiosk.conf",
    "usr/lib/systemd/logind.conf.d/practitioner-kiosk.conf", "etc/pam.d/practitioner-kiosk",
    "etc/dconf/profile/practitioner-kiosk", "etc/dconf/db/practitioner-kiosk",
    "etc/dconf/db/practitioner-kiosk.d/locks/00-practitioner-kiosk",
    "etc/practitioner-kiosk/kiosk.conf", "usr/share/doc/practitioner-kiosk/OPERATIONS.md",
    "usr/share/man/man1/practitioner-kiosk.1.gz",
    # libcurl's part, opened on the first call to the registry
    "usr/lib/%s/practitioner-kiosk/libsync-http-curl.so" % MULTIARCH,
    # libcups' part, opened on the first print-related call
    "usr/lib/%s/practitioner-kiosk/libforms-cups.so" % MULTIARCH,
    # libpinyin's and zinnia's part, opened when the keyboard's engines first load
    "usr/lib/%s/practitioner-kiosk/libinput-engines.so" % MULTIARCH,
    # poppler runs only in this, limited, for the viewer's and the USB picker's PDFs
    "usr/libexec/practitioner-kiosk/pdf-renderer",
]
REGISTRY_FILES = [
    "usr/bin/practitioner-registry", "usr/sbin/practitioner-registry-pg-backup",
    # poppler runs only in this, limited, for uploaded PDFs
    "usr/libexec/practitioner-registry/registry-pdf-renderer",
    "lib/systemd/system/practitioner-registry.service",
    "lib/systemd/system/practitioner-registry@.service",
    "usr/lib/sysusers.d/practitioner-registry.conf",
    "usr/lib/tmpfiles.d/practitioner-registry.conf",
    "etc/practitioner-registry/registry.conf",
    "usr/share/doc/practitioner-registry/OPERATIONS.md",
    "usr/share/doc/practitioner-registry/examples/nginx-practitioner-registry.conf",
    # the registry loads and serves the dictionaries; kiosks cache what it serves
    "usr/share/practitioner-kiosk/dictionaries/nations.json",
    "usr/share/practitioner-kiosk/dictionaries/countries.json",
]
# what the programs need at run time that no library link says (the on-screen
# keyboard's pinyin data and handwriting model among them); the kiosk speaks
# systemd's notify protocol itself and does not need libsystemd0
KIOSK_DEPENDS = ["cage", "xwayland", "libpam-systemd", "dconf-gsettings-backend",
                 "fonts-noto-cjk", "ca-certificates", "systemd", "udev", "libgtk-4-1",
                 "libusb-1.0-0", "libcups2", "libcurl4", "libpinyin15",
                 "libpinyin-data", "libzinnia0", "tegaki-zinnia-simplified-chinese"]
REGISTRY_DEPENDS = ["fonts-dejavu-core", "glib-networking", "systemd", "libsoup-3.0-0", "libpq5",
                    "libsodium23", "libsystemd0"]


def deb_field(deb, field):
    return run(["dpkg-deb", "-f", deb, field]).strip()


def depends_names(text):
    return {alt.strip().split()[0] for item in text.split(",") for alt in item.split("|")
            if alt.strip()}


def test_lintian():
    changes = [n for n in os.listdir(DEBS) if n.endswith(".changes")]
    check(len(changes) == 1, "one .changes file expected: %s" % changes)
    result = subprocess.run(["lintian", "--fail-on", "error", "--allow-root",
                             os.path.join(DEBS, changes[0])],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log(result.stdout)
    check(result.returncode == 0, "lintian reports errors")
    check(not re.search(r"^E: ", result.stdout, re.M), "lintian reports errors")


def test_contents(kiosk_deb, registry_deb):
    for deb, files, depends in ((kiosk_deb, KIOSK_FILES, KIOSK_DEPENDS),
                                (registry_deb, REGISTRY_FILES, REGISTRY_DEPENDS)):
        listing = {line.split()[-1].lstrip("./") for line in
                   run(["dpkg-deb", "-c", deb]).splitlines()}
        for name in files:
            check(name in listing, "%s lacks %s" % (os.path.basename(deb), name))
        declared = depends_names(deb_field(deb, "Depends"))
        for name in depends:
            check(name in declared, "%s does not depend on %s (Depends: %s)"
                  % (os.path.basename(deb), name, sorted(declared)))
    check("practitioner-registry" in deb_field(kiosk_deb, "Suggests"),
          "the kiosk's demo needs the registry: Suggests")
    # each machine gets its own program only
    check("usr/bin/practitioner-registry" not in run(["dpkg-deb", "-c", kiosk_deb]),
          "the registry program is in the kiosk package")
    check("usr/bin/practitioner-kiosk" not in run(["dpkg-deb", "-c", registry_deb]),
          "the kiosk program is in the registry package")

    # users before their folders, units enabled; the kiosk session not started
    # in the middle of an installation, the registry started
    with tempfile.TemporaryDirectory() as control:
        run(["dpkg-deb", "-e", kiosk_deb, control])
        postinst = open(os.path.join(control, "postinst")).read()
        check(0 <= postinst.find("systemd-sysusers") < postinst.find("systemd-tmpfiles"),
              "the kiosk's postinst must create users before their folders")
        check("deb-systemd-helper" in postinst and "practitioner-kiosk.service" in postinst,
              "the kiosk unit is not enabled on install")
        check("deb-systemd-invoke" not in postinst,
              "the kiosk unit must not be started by the installation")
        conffiles = open(os.path.join(control, "conffiles")).read().split()
        for name in ("/etc/practitioner-kiosk/kiosk.conf", "/etc/pam.d/practitioner-kiosk",
                     "/etc/dconf/db/practitioner-kiosk"):
            check(name in conffiles, "%s is not a conffile" % name)
    with tempfile.TemporaryDirectory() as control:
        run(["dpkg-deb", "-e", registry_deb, control])
        postinst = open(os.path.join(control, "postinst")).read()
        check(0 <= postinst.find("systemd-sysusers") < postinst.find("systemd-tmpfiles"),
              "the registry's postinst must create its user before its folder")
        check("deb-systemd-invoke" in postinst, "the registry is not started on install")


def verify_root():
    """ROOT plus what systemd-analyze needs to resolve: the host's units (the
    targets we are ordered against) and the programs the units run that other
    packages provide."""
    path = tempfile.mkdtemp(prefix="verify-root-")
    shutil.copytree(ROOT, path, dirs_exist_ok=True, symlinks=True)
    shutil.copytree("/lib/systemd/system", os.path.join(path, "lib/systemd/system"),
                    dirs_exist_ok=True, symlinks=True)
    for program in ("/usr/bin/cage", "/bin/sh", "/usr/bin/setterm"):
        target = path + program
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(os.path.realpath(program), target)
    return path


def test_units():
    root = verify_root()
    try:
        units = [os.path.join(root, "lib/systemd/system", u) for u in
                 ("practitioner-kiosk.service", "practitioner-registry.service",
                  "practitioner-registry@8481.service")]
        result = subprocess.run(["systemd-analyze", "verify", "--man=no", "--root=" + root]
                                + units, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)
        check(result.returncode == 0 and result.stdout.strip() == "",
              "systemd-analyze verify:\n" + result.stdout)
    finally:
        shutil.rmtree(root)

    kiosk = open(in_root("lib/systemd/system/practitioner-kiosk.service")).read()
    for line in ("Type=notify", "NotifyAccess=all", "WatchdogSec=30", "Restart=on-failure",
                 "StartLimitBurst=5", "User=kiosk", "TTYPath=/dev/tty1",
                 "Conflicts=getty@tty1.service", "PAMName=practitioner-kiosk",
                 "Environment=DCONF_PROFILE=practitioner-kiosk",
                 "ExecStart=/usr/bin/cage -d -- /usr/bin/practitioner-kiosk"):
        check(re.search("^" + re.escape(line) + "$", kiosk, re.M), "kiosk unit lacks " + line)
    check(" -s " not in kiosk.split("ExecStart=")[1].split("\n")[0],
          "cage must not allow VT switching")
    registry = open(in_root("lib/systemd/system/practitioner-registry.service")).read()
    for line in ("Type=notify", "User=practitioner-registry", "ProtectSystem=strict",
                 "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                 "StateDirectory=practitioner-registry",
                 "ExecStartPre=/usr/bin/practitioner-registry migrate --config "
                 "/etc/practitioner-registry/registry.conf",
                 "ExecStart=/usr/bin/practitioner-registry serve --config "
                 "/etc/practitioner-registry/registry.conf"):
        check(re.search("^" + re.escape(line) + "$", registry, re.M),
              "registry unit lacks " + line)
    logind = open(in_root("usr/lib/systemd/logind.conf.d/practitioner-kiosk.conf")).read()
    check(re.search(r"^\[Login\]$", logind, re.M) and re.search(r"^NAutoVTs=0$", logind, re.M)
          and re.search(r"^ReserveVT=0$", logind, re.M), "logind drop-in: " + logind)


def passwd_entry(root, name):
    for line in open(os.path.join(root, "etc/passwd")):
        fields = line.rstrip("\n").split(":")
        if fields[0] == name:
            return fields
    fail("no user %s in the scratch root" % name)


def group_entry(root, name):
    for line in open(os.path.join(root, "etc/group")):
        fields = line.rstrip("\n").split(":")
        if fields[0] == name:
            return fields
    fail("no group %s in the scratch root" % name)


def test_users_and_folders():
    root = tempfile.mkdtemp(prefix="sysusers-root-")
    try:
        shutil.copytree(os.path.join(ROOT, "usr/lib"), os.path.join(root, "usr/lib"))
        os.makedirs(os.path.join(root, "etc"))
        run(["systemd-sysusers", "--root=" + root])
        kiosk = passwd_entry(root, "kiosk")
        registry = passwd_entry(root, "practitioner-registry")
        check(kiosk[5] == "/var/lib/practitioner-kiosk", "kiosk home: %s" % kiosk)
        check(kiosk[6].endswith("nologin"), "the kiosk user must have no shell: %s" % kiosk)
        check(registry[6].endswith("nologin"), "the registry user must have no shell")
        check(int(kiosk[2]) < 1000 and int(registry[2]) < 1000, "system users expected")
        # the group the reader rule gives readers to
        rules = open(in_root("lib/udev/rules.d/70-practitioner-idcard.rules")).read()
        groups = set(re.findall(r'GROUP="([^"]+)"', rules))
        check(len(groups) == 1, "one reader group expected: %s" % groups)
        reader_group = group_entry(root, groups.pop())
        check("kiosk" in reader_group[3].split(","), "kiosk is not in %s" % reader_group)

        if os.getuid() != 0:
            log("not root: folder ownership is not checked")
            return
        run(["systemd-tmpfiles", "--root=" + root, "--create"])
        for folder, user, mode in (("var/lib/practitioner-kiosk", kiosk, 0o700),
                                   ("var/lib/practitioner-registry", registry, 0o700),
                                   ("media/practitioner-kiosk", None, 0o755)):
            st = os.stat(os.path.join(root, folder))
            check(st.st_mode & 0o777 == mode, "%s has mode %o" % (folder, st.st_mode & 0o777))
            check(st.st_uid == (int(user[2]) if user else 0), "%s has owner %d" % (folder,
                                                                                   st.st_uid))
    finally:
        shutil.rmtree(root)


UDEV_DEVICES = """
P: /devices/pci0000:00/0000:00:14.0/usb1/1-{n}
N: bus/usb/001/{dev:03d}
E: DEVNAME=/dev/bus/usb/001/{dev:03d}
E: DEVTYPE=usb_device
E: SUBSYSTEM=usb
E: BUSNUM=001
E: DEVNUM={dev:03d}
A: idVendor={vendor}
A: idProduct={product}
A: busnum=1
A: devnum={dev}
"""
UDEV_TTY = """
P: /devices/pci0000:00/0000:00:14.0/usb1/1-{n}/1-{n}:1.0/ttyUSB{tty}/tty/ttyUSB{tty}
N: ttyUSB{tty}
E: DEVNAME=/dev/ttyUSB{tty}
E: SUBSYSTEM=tty
"""
UDEV_PARTITION = """
P: {parent}/host{n}/target{n}:0:0/{n}:0:0:0/block/{disk}/{disk}1
N: {disk}1
E: DEVNAME=/dev/{disk}1
E: SUBSYSTEM=block
E: DEVTYPE=partition
E: ID_FS_USAGE=filesystem
E: ID_FS_TYPE={fs}
"""


def udevadm_test(rules_dir, devices_file, syspath):
    """udevadm test with only our rules, emulated devices (umockdev) and a
    private /run/udev: nothing of this machine is read or changed. A machine
    without udev running may have no /run/udev to mount over; then the
    namespace gets a /run of its own with an empty udev folder in it."""
    script = ("if [ -d /run/udev ]; then mount -t tmpfs tmpfs /run/udev; "
              "else mount -t tmpfs tmpfs /run && mkdir /run/udev; fi && "
              "mount --bind \"$1\" /lib/udev/rules.d && "
              "exec umockdev-run --device \"$2\" -- udevadm test --action=add \"$3\"")
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                             "sh", rules_dir, devices_file, syspath],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(result.returncode == 0, "udevadm test %s failed:\n%s" % (syspath, result.stdout))
    return result.stdout


def test_udev_rules():
    if os.getuid() != 0:
        log("not root: udev rules are not checked (udevadm test needs a mount namespace)")
        return
    rules_dir = os.path.join(ROOT, "lib/udev/rules.d")
    rules = open(os.path.join(rules_dir, "70-practitioner-idcard.rules")).read()
    readers = re.findall(r'SUBSYSTEM=="(usb|tty)".*?idVendor}=="([0-9a-f]{4})".*?'
                         r'idProduct}=="([0-9a-f]{4})"', rules)
    check(len(readers) >= 4, "readers in the rule: %s" % readers)
    plugdev = grp.getgrnam("plugdev").gr_gid
    with tempfile.TemporaryDirectory() as work:
        spec = []
        targets = []
        for n, (subsystem, vendor, product) in enumerate(readers, start=1):
            spec.append(UDEV_DEVICES.format(n=n, dev=n + 10, vendor=vendor, product=product))
            if subsystem == "tty":
                spec.append(UDEV_TTY.format(n=n, tty=n))
                targets.append("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-%d/1-%d:1.0/"
                               "ttyUSB%d/tty/ttyUSB%d" % (n, n, n, n))
            else:
                targets.append("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-%d" % n)
        # a USB stick with vfat, one with ext4, and a vfat partition of an internal disk
        stick = "/devices/pci0000:00/0000:00:14.0/usb1/1-20"
        spec.append(UDEV_DEVICES.format(n=20, dev=30, vendor="0781", product="5567"))
        spec.append(UDEV_PARTITION.format(parent=stick + "/1-20:1.0", n=6, disk="sdb", fs="vfat"))
        spec.append(UDEV_DEVICES.format(n=21, dev=31, vendor="0781", product="5568"))
        spec.append(UDEV_PARTITION.format(parent="/devices/pci0000:00/0000:00:14.0/usb1/1-21"
                                          "/1-21:1.0", n=7, disk="sdc", fs="ext4"))
        spec.append(UDEV_PARTITION.format(parent="/devices/pci0000:00/0000:00:17.0/ata1", n=0,
                                          disk="sda", fs="vfat"))
        devices = os.path.join(work, "devices.umockdev")
        with open(devices, "w") as f:
            f.write("\n".join(s.strip() + "\n" for s in spec))

        for target in targets:
            out = udevadm_test(rules_dir, devices, target)
            for line in out.splitlines():
                if "practitioner" in line and not line.startswith("Reading rules file"):
                    check(re.search(r"70-practitioner-idcard\.rules:\d+ (GROUP|MODE) ", line),
                          "udev says about our rules: " + line)
            check(re.search(r"70-practitioner-idcard\.rules:\d+ GROUP %d$" % plugdev, out, re.M),
                  "no reader group for %s:\n%s" % (target, out))
            check(re.search(r"70-practitioner-idcard\.rules:\d+ MODE 0660$", out, re.M),
                  "no reader mode for %s" % target)
            check(re.search(r"^TAGS=.*:uaccess:", out, re.M), "no uaccess for %s" % target)

        out = udevadm_test(rules_dir, devices, "/sys" + stick + "/1-20:1.0/host6/target6:0:0/"
                           "6:0:0:0/block/sdb/sdb1")
        run_lines = re.findall(r"72-practitioner-kiosk-media\.rules:\d+ RUN '([^']*)'", out)
        check(len(run_lines) == 1, "the vfat USB partition is not mounted:\n" + out)
        mount = run_lines[0].split()
        check(mount[0].endswith("systemd-mount") and "--no-block" in mount
              and "--owner=kiosk" in mount, "mount command: %s" % mount)
        options = [a for a in mount if a.startswith("--options=")]
        check(options and set(options[0].split("=", 1)[1].split(",")) >=
              {"ro", "noexec", "nosuid", "nodev"}, "mount options: %s" % options)
        check(mount[-1] == "/media/practitioner-kiosk/%k" and mount[-2] == "$devnode",
              "mount point: %s" % mount)
        for syspath in ("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-21/1-21:1.0/host7/"
                        "target7:0:0/7:0:0:0/block/sdc/sdc1",
                        "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/"
                        "block/sda/sda1"):
            out = udevadm_test(rules_dir, devices, syspath)
            check("72-practitioner-kiosk-media.rules" not in out.replace(
                "Reading rules file: /usr/lib/udev/rules.d/72-practitioner-kiosk-media.rules",
                "").replace("Reading rules file: /lib/udev/rules.d/72-practitioner-kiosk-media"
                            ".rules", ""),
                  "%s must not be mounted:\n%s" % (syspath, out))


def gsettings_get(profile, config_home, key):
    env = dict(os.environ, DCONF_PROFILE=profile, XDG_CONFIG_HOME=config_home,
               GSETTINGS_BACKEND="dconf")
    env.pop("GSETTINGS_SCHEMA_DIR", None)
    value = run(["gsettings", "get", "org.gtk.gtk4.Settings.Debug", key], env=env).strip()
    writable = run(["gsettings", "writable", "org.gtk.gtk4.Settings.Debug", key],
                   env=env).strip()
    return value, writable


def test_dconf_lock():
    source = in_root("etc/dconf/db/practitioner-kiosk.d")
    shipped = in_root("etc/dconf/db/practitioner-kiosk")
    with tempfile.TemporaryDirectory() as work:
        compiled = os.path.join(work, "practitioner-kiosk")
        run(["dconf", "compile", compiled, source])
        check(open(compiled, "rb").read() == open(shipped, "rb").read(),
              "the shipped dconf database is not its keyfiles compiled")

        # a user database that turns the inspector keybinding on
        user_dir = os.path.join(work, "user.d")
        os.makedirs(user_dir)
        with open(os.path.join(user_dir, "00-user"), "w") as f:
            f.write("[org/gtk/gtk4/settings/debug]\nenable-inspector-keybinding=true\n")
        os.makedirs(os.path.join(work, "config", "dconf"))
        run(["dconf", "compile", os.path.join(work, "config", "dconf", "user"), user_dir])

        # the packaged profile, with the system database read from the scratch root
        profile = os.path.join(work, "profile")
        text = open(in_root("etc/dconf/profile/practitioner-kiosk")).read()
        check("system-db:practitioner-kiosk" in text, "profile: " + text)
        with open(profile, "w") as f:
            f.write(text.replace("system-db:practitioner-kiosk", "file-db:" + shipped))
        value, writable = gsettings_get(profile, os.path.join(work, "config"),
                                        "enable-inspector-keybinding")
        check(value == "false" and writable == "false",
              "inspector keybinding with the kiosk profile: %s, writable %s" % (value, writable))

        # without the system database the user's setting would win: the lock is
        # what turns it off
        bare = os.path.join(work, "bare-profile")
        with open(bare, "w") as f:
            f.write("user-db:user\n")
        value, writable = gsettings_get(bare, os.path.join(work, "config"),
                                        "enable-inspector-keybinding")
        check(value == "true" and writable == "true",
              "control: the user database says %s, writable %s" % (value, writable))


def main():
    kiosk_deb, registry_deb = ensure_packages()
    for name, test in (("lintian", test_lintian),
                       ("contents", lambda: test_contents(kiosk_deb, registry_deb)),
                       ("units", test_units),
                       ("users and folders", test_users_and_folders),
                       ("udev rules", test_udev_rules),
                       ("dconf lock", test_dconf_lock)):
        log("== " + name)
        test()
        log("ok: " + name)
    print("6 passed, 0 failed")


if __name__ == "__main__":
    main()
