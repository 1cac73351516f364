#!/usr/bin/env bash
# The package as an admin gets it: builds the .deb, installs it with apt-get into a bare
# Debian 12 chroot (made by mmdebstrap, no Swift toolchain) on its own tmpfs, inside a
# private mount and pid namespace, where binary, config, state, log and the guarded
# folders are all ONE filesystem (the default layout of a real server). Starts the
# shipped unit's ExecStartPre and ExecStart lines with the shipped config and checks:
# status answers within seconds; opens anywhere on that filesystem return; EICAR in /srv
# is logged in audit mode and denied in enforce mode; the daemon's own rotation (by size
# and on request) loses no event and keeps the hash chain; an upgrade over a running,
# self-protecting daemon works and removes the logrotate conffile older packages shipped;
# remove and purge leave no file behind. Every step is bounded by `timeout`: a regression fails, never hangs.
#
# Usage: scripts/test-package.sh [--keep]   (root; the chroot tarball is cached in
# /var/cache/vigil-test, made on the first run)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--inside" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "test-package.sh: needs root (chroot, mounts, fanotify)" >&2; exit 2; }
    tarball=$(bash scripts/debian-root.sh)
    echo "test-package: building the package"
    deb=$(timeout 1800 bash scripts/package.sh | tail -1)
    version=$(dpkg-deb -f "$deb" Version)
    # The upgrade: the same build with a higher package version.
    deb2=$(VIGIL_DEB_VERSION="$version+upgrade1" timeout 1800 bash scripts/package.sh | tail -1)
    work=$(mktemp -d /tmp/vigil-pkgtest.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    # The previous package as far as rotation goes: this build as version ~prev1 with the
    # logrotate conffile that packages up to 0.2.0 shipped (the upgrade must remove it).
    prev=$work/vigil_${version}~prev1.deb
    mkdir -p "$work/prev"
    dpkg-deb -R "$deb" "$work/prev/root"
    install -D -m 0644 /dev/stdin "$work/prev/root/etc/logrotate.d/vigil" <<'SNIPPET'
/var/log/vigil/*.json {
    daily
    rotate 14
    maxsize 100M
    missingok
    notifempty
    compress
    delaycompress
    create 0640 root adm
    sharedscripts
    prerotate
        /usr/bin/vigil log unseal >/dev/null 2>&1 || true
    endscript
    postrotate
        if [ -s /run/vigil/vigil.pid ]; then kill -USR1 "$(cat /run/vigil/vigil.pid)" 2>/dev/null || true; fi
    endscript
}
SNIPPET
    echo /etc/logrotate.d/vigil >> "$work/prev/root/DEBIAN/conffiles"
    (cd "$work/prev/root" && md5sum etc/logrotate.d/vigil) >> "$work/prev/root/DEBIAN/md5sums"
    sed -i "s/^Version: .*/Version: $version~prev1/" "$work/prev/root/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$work/prev/root" "$prev" >/dev/null
    rm -rf "$work/prev"
    deb=$prev
    # pid namespace: when this test ends, every process it started dies with it.
    timeout 1200 unshare --mount --propagation private --pid --fork --kill-child \
        bash "$0" --inside "$tarball" "$work" "$deb" "$PWD/$deb2"
    exit $?
fi

tarball=$2 work=$3 deb=$4 deb2=$5
R=$work/root
mkdir -p "$R"
mount -t tmpfs -o size=3g,mode=0755 tmpfs "$R"
tar -C "$R" -xf "$tarball"
mount -t proc proc "$R/proc"
mount --bind /dev "$R/dev"
cp /etc/resolv.conf "$R/etc/resolv.conf"
cp "$deb" "$deb2" "$R/tmp/"
out=$work/daemon.out

passed=0 failed=0
ok() { echo "  ok: $*"; passed=$((passed + 1)); }
fail() { echo "  FAIL: $*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
in_root() { local t=$1; shift; timeout "$t" chroot "$R" "$@"; }
now_ms() { date +%s%3N; }

finish() {
    echo "test-package: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# The service as systemd runs it: its folders, then ExecStartPre and ExecStart from the
# installed unit (parsed, not retyped), with the shipped config.
unit_lines() { sed -n "s/^$1=//p" "$R/lib/systemd/system/vigil.service"; }
start_service() {
    mkdir -p -m 0700 "$R/run/vigil" "$R/var/lib/vigil"
    mkdir -p -m 0750 "$R/var/log/vigil"
    while read -r line; do
        in_root 60 sh -c "$line" >/dev/null || { fail "ExecStartPre: $line"; return 1; }
    done < <(unit_lines ExecStartPre)
    local exec
    exec=$(unit_lines ExecStart)
    started_ms=$(now_ms)
    setsid chroot "$R" sh -c "exec $exec" >>"$out" 2>&1 < /dev/null &
    for _ in $(seq 1 100); do
        if in_root 5 /usr/bin/vigil status --json >/dev/null 2>&1; then
            startup_ms=$(($(now_ms) - started_ms))
            return 0
        fi
        sleep 0.1
    done
    fail "the daemon answers within 10 s ($(tail -5 "$out"))"
    return 1
}
stop_service() {
    local pid
    pid=$(timeout 5 cat "$R/run/vigil/vigil.pid" 2>/dev/null || true)
    [ -n "$pid" ] || return 0
    local t0 limit
    t0=$(now_ms)
    # systemd's bound: the unit's TimeoutStopSec, after which it kills everything.
    limit=$(unit_lines TimeoutStopSec | sed 's/s$//')
    limit=${limit:-20}
    kill -TERM "$pid" 2>/dev/null || true       # what systemd sends the main process (KillMode=mixed)
    for i in $(seq 1 $((limit * 10))); do
        kill -0 "$pid" 2>/dev/null || break
        # Slower than it should be, though inside systemd's bound: say what it waits on.
        if [ "$i" -eq 100 ]; then echo "  slow stop: still stopping 10 s after SIGTERM"; stuck_report; fi
        sleep 0.1
    done
    echo "  figure: SIGTERM to the watchdog's exit: $(($(now_ms) - t0)) ms"
    if kill -0 "$pid" 2>/dev/null; then
        fail "the watchdog stops within the unit's TimeoutStopSec ($limit s) on SIGTERM"
        stuck_report
        # What systemd does at TimeoutStopSec: SIGKILL to every process of the unit.
        for p in "$R"/proc/[0-9]*; do
            case "$(cat "$p/comm" 2>/dev/null)" in vigil*) kill -KILL "${p##*/}" 2>/dev/null || true ;; esac
        done
    fi
}
# What a stop that did not end was waiting on: every process of the chroot with its
# threads' names, states and kernel stacks, and the daemon's last words.
stuck_report() {
    local p t
    for p in "$R"/proc/[0-9]*; do
        echo "    process ${p##*/}: $(tr '\0' ' ' < "$p/cmdline" 2>/dev/null | cut -c1-120) [$(awk '/^State/{print $2$3}' "$p/status" 2>/dev/null)]"
        case "$(cat "$p/comm" 2>/dev/null)" in vigil*) ;; *) continue ;; esac
        for t in "$p"/task/[0-9]*; do
            echo "      thread ${t##*/} $(cat "$t/comm" 2>/dev/null) $(awk '/^State/{print $2$3}' "$t/status" 2>/dev/null) wchan=$(cat "$t/wchan" 2>/dev/null)"
            sed 's/^/        /' "$t/stack" 2>/dev/null | head -8 || true
        done
    done
    echo "    daemon output (last 30 lines):"
    tail -30 "$out" | sed 's/^/      /'
}
vigil_pids() {
    local p exe
    for p in "$R"/proc/[0-9]*; do
        exe=$(readlink "$p/exe" 2>/dev/null || true)
        case "$exe" in /usr/bin/vigil|"/usr/bin/vigil (deleted)") echo "${p#"$R"/proc/}" ;; esac
    done
}
events() { timeout 10 cat "$R"/var/log/vigil/events.json* 2>/dev/null || true; }
no_event() { ! events | grep -q "$1"; }
immutable() { lsattr "$R$1" 2>/dev/null | cut -d' ' -f1 | grep -q i; }
version=$(dpkg-deb -f "$deb" Version)
version=${version%~prev1}     # the binary's own version (the first package is this build as ~prev1)

echo "test-package: installing $(basename "$deb") into a bare Debian 12 chroot"
check "the chroot has no Swift toolchain" test ! -e "$R/opt/swift"
in_root 300 apt-get -qq update >/dev/null 2>&1 || true
if in_root 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" > "$work/apt.log" 2>&1; then
    ok "apt-get install ./$(basename "$deb")"
else
    fail "apt-get install: $(tail -20 "$work/apt.log")"; finish
fi
check "the binary finds every library in the chroot" sh -c "! timeout 10 chroot '$R' ldd /usr/bin/vigil | grep -q 'not found'"
check "no RPATH/RUNPATH in the installed binary" sh -c "! readelf -d '$R/usr/bin/vigil' | grep -Eq 'RPATH|RUNPATH'"
check "libcurl is loaded on first use, not linked (not in NEEDED), and the package depends on it" \
    sh -c "! readelf -d '$R/usr/bin/vigil' | grep NEEDED | grep -q curl && dpkg-deb -f '$deb' Depends | grep -q 'libcurl4'"
for f in /usr/bin/vigil /etc/vigil/vigil.toml /etc/vigil/signatures/local.yar /usr/share/vigil/signatures/eicar.yar \
         /lib/systemd/system/vigil.service /lib/systemd/system/vigil-scan.timer /lib/systemd/system/vigil-scan-failed@.service /lib/systemd/system/vigil-rules-update.timer /lib/systemd/system/vigil-quarantine-prune.timer \
         /usr/share/vigil/search/elasticsearch-index-template.json /usr/share/vigil/search/opensearch-ism-policy.json \
         /usr/share/man/man8/vigil.8.gz /usr/share/man/man8/vigil.scan.8.gz /usr/share/man/man5/vigil.toml.5.gz \
         /usr/share/bash-completion/completions/vigil /usr/share/zsh/vendor-completions/_vigil /usr/share/fish/vendor_completions.d/vigil.fish; do
    check "installed: $f" test -e "$R$f"
done
check "the previous package's logrotate conffile is installed" sh -c "test -e '$R/etc/logrotate.d/vigil' && grep -qx /etc/logrotate.d/vigil '$R/var/lib/dpkg/info/vigil.conffiles'"
check "conffiles: the config and the local rules" sh -c "grep -qx /etc/vigil/vigil.toml '$R/var/lib/dpkg/info/vigil.conffiles' && grep -qx /etc/vigil/signatures/local.yar '$R/var/lib/dpkg/info/vigil.conffiles'"
check "the shipped config says audit mode" grep -q '^mode = "audit"' "$R/etc/vigil/vigil.toml"

# Arguments without /proc (minimal chroots and containers): read from argv, not /proc.
umount "$R/proc"
v=$(in_root 10 /usr/bin/vigil --version 2>&1 || true)
check "without /proc: --version prints the version, then the installed rule sets ($v)" \
    sh -c 'test "$(printf "%s\n" "$1" | head -n 1)" = "$2" && printf "%s\n" "$1" | grep -q "^loaded by the daemon: version local-"' _ "$v" "$version"
r=$(in_root 30 /usr/bin/vigil rules check --config /etc/vigil/vigil.toml 2>&1 || true)
check "without /proc: rules check runs ($r)" grep -q '^OK: ' <<<"$r"
mount -t proc proc "$R/proc"

echo "test-package: starting the shipped unit's commands (audit mode)"
mkdir -p "$R/srv/data" "$R/home/user"
printf 'clean\n' > "$R/srv/data/clean.txt"
start_service || finish
echo "  figure: start-up to status answering: ${startup_ms} ms"
status=$(in_root 10 /usr/bin/vigil status 2>&1 || true)
check "vigil status is for people" grep -q "audit (findings are logged" <<<"$status"
check "vigil status --json keeps its schema" sh -c "timeout 10 chroot '$R' /usr/bin/vigil status --json | grep -q '\"schema\":1'"
check "a non-root caller is told it needs root" sh -c "timeout 10 chroot --userspec=65534:65534 '$R' /usr/bin/vigil status 2>&1 | grep -q 'needs root'"
# Opens anywhere on the one filesystem return (the daemon's own files included).
for f in /etc/vigil/vigil.toml /usr/bin/vigil /usr/share/vigil/signatures/eicar.yar /var/log/vigil/events.json \
         /var/lib/vigil/protection/manifest.tsv /etc/passwd /srv/data/clean.txt /usr/lib/os-release; do
    check "open returns: $f" in_root 10 sh -c "cat '$f' >/dev/null"
done
check "the daemon sealed its own files" grep -q /usr/bin/vigil "$R/var/lib/vigil/protection/manifest.tsv"
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$R/srv/data/eicar.com"
eicar=$(cat "$R/srv/data/eicar.com")
check "audit mode: EICAR in /srv can be read" in_root 10 sh -c "cat /srv/data/eicar.com >/dev/null"
sleep 1
check "audit mode: the finding is logged" sh -c "timeout 10 cat '$R/var/log/vigil/events.json' | grep '\"action\":\"audit\"' | grep -q /srv/data/eicar.com"
daemon=$(timeout 5 chroot "$R" /usr/bin/vigil status --json | sed -n 's/.*"pid":\([0-9]*\).*/\1/p')
# This shell is in the test's pid namespace; the chroot's /proc is that namespace's.
rss_kb=$(awk '/^VmRSS/ {print $2}' "$R/proc/$daemon/status" 2>/dev/null || echo "?")
# The binary lives on this tmpfs, so its pages count as RssShmem here (RssFile on a disk).
rss_parts=$(awk '/^RssAnon|^RssFile|^RssShmem/ {sub(":", "", $1); printf "%s%s %s KiB", sep, $1, $2; sep=", "}' "$R/proc/$daemon/status" 2>/dev/null || true)
echo "  figure: daemon RSS after start-up and one scan: ${rss_kb} KiB (${rss_parts})"
# Sandboxed scan workers (issue 12 item 6): the package's own user, no capabilities, seccomp.
check "the package created the vigil-scan user" grep -q '^vigil-scan:' "$R/etc/passwd"
scan_uid=$(awk -F: '$1 == "vigil-scan" {print $3}' "$R/etc/passwd")
workers=$(grep -l "^PPid:[[:space:]]*$daemon\$" "$R"/proc/[0-9]*/status 2>/dev/null | xargs -r grep -l "^Name:[[:space:]]*vigil-scanwork" 2>/dev/null || true)
check "the daemon runs scan workers" test -n "$workers"
for w in $workers; do
    check "scan worker $(basename "$(dirname "$w")") runs as vigil-scan ($scan_uid) with CapEff 0, Seccomp 2, NoNewPrivs 1" sh -c \
        "grep -q '^Uid:[[:space:]]*$scan_uid[[:space:]]' '$w' && grep -q '^CapEff:[[:space:]]*0*\$' '$w' && grep -q '^Seccomp:[[:space:]]*2' '$w' && grep -q '^NoNewPrivs:[[:space:]]*1' '$w'"
done

echo "test-package: switching to enforce mode (maintenance window, edit, restart)"
check "maintenance begin" in_root 30 sh -c '/usr/bin/vigil maintenance begin --reason "enable enforce mode" >/dev/null' 
check "the admin edits the config" sed -i 's/^mode = "audit"/mode = "enforce"/' "$R/etc/vigil/vigil.toml"
check "the admin sets a small rotate_size" sed -i 's/^rotate_size = .*/rotate_size = "64K"/' "$R/etc/vigil/vigil.toml"
check "maintenance end re-seals" in_root 30 sh -c '/usr/bin/vigil maintenance end >/dev/null' 
sleep 1
check "the edit is kept (re-sealed, not restored)" grep -q '^mode = "enforce"' "$R/etc/vigil/vigil.toml"
stop_service
start_service || finish
check "enforce mode: EICAR in /srv is denied" sh -c "! timeout 10 chroot '$R' cat /srv/data/eicar.com >/dev/null 2>&1"
check "enforce mode: a clean file still opens" in_root 10 sh -c "cat /srv/data/clean.txt >/dev/null"
sleep 1
check "enforce mode: the deny is logged" sh -c "timeout 10 cat '$R/var/log/vigil/events.json' | grep '\"action\":\"deny\"' | grep -q /srv/data/eicar.com"

echo "test-package: the daemon rotates its own log while events are written"
for i in $(seq 1 300); do printf '%s' "$eicar" > "$R/srv/data/rot-$i.com"; done
# Denied opens, one event each (about 1 KiB each: several rotations by size at 64K), and
# one rotation asked for in the middle.
( for i in $(seq 1 300); do timeout 10 chroot "$R" cat "/srv/data/rot-$i.com" >/dev/null 2>&1 || true; done ) &
writer=$!
sleep 0.5
check "vigil log rotate" in_root 30 sh -c '/usr/bin/vigil log rotate >/dev/null'
wait "$writer"
sleep 2
rotated=$(cd "$R/var/log/vigil" && ls events.json.[0-9]* 2>/dev/null | sort -t. -k3 -rn | sed 's|^|/var/log/vigil/|' | tr '\n' ' ')
check "the log was rotated by size and on request (3 or more files: $rotated)" test "$(wc -w <<<"$rotated")" -ge 3
check "each rotation says so in the new file's first line" sh -c "test \$(timeout 10 cat '$R'/var/log/vigil/events.json* | grep -c '\"action\":\"event-log-rotated\"') -ge 3"
check "a requested rotation is logged as requested" sh -c "timeout 10 cat '$R'/var/log/vigil/events.json* | grep event-log-rotated | grep -q '\"reason\":\"requested\"'"
seen=$(events | grep '"action":"deny"' | grep -o '/srv/data/rot-[0-9]*\.com' | sort -u | wc -l)
total=$(events | grep '"action":"deny"' | grep -c '/srv/data/rot-' || true)
check "no event lost across the rotations: $seen of 300 files, $total lines" test "$seen" -eq 300 -a "$total" -eq 300
check "the new file gets the lines after the rotation" sh -c "timeout 10 cat '$R/var/log/vigil/events.json' | grep -q 'event-log-rotated'"
check "the live log is append-only" sh -c "lsattr -d '$R/var/log/vigil/events.json' | cut -d' ' -f1 | grep -q a"
check "the rotated logs stay append-only" sh -c "for f in $rotated; do lsattr -d '$R'\$f | cut -d' ' -f1 | grep -q a || exit 1; done"
check "no logrotate rename needed: no event-log-unsealed" no_event event-log-unsealed
# shellcheck disable=SC2086
check "the hash chain holds across every rotated file (vigil log verify)" in_root 60 /usr/bin/vigil log verify $rotated /var/log/vigil/events.json

echo "test-package: upgrade over the running, self-protecting daemon"
old_sha=$(sha256sum "$R/usr/bin/vigil" | cut -d' ' -f1)
if in_root 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb2")" > "$work/apt2.log" 2>&1; then
    ok "apt-get install ./$(basename "$deb2") (upgrade)"
else
    fail "upgrade: $(tail -20 "$work/apt2.log")"
fi
check "dpkg has the new version" sh -c "timeout 10 chroot '$R' dpkg-query -W -f='\${Version}' vigil | grep -q upgrade1"
check "the admin's config survived the upgrade" grep -q '^mode = "enforce"' "$R/etc/vigil/vigil.toml"
check "the upgrade removed the logrotate conffile (dpkg-maintscript-helper rm_conffile)" sh -c "test ! -e '$R/etc/logrotate.d/vigil' && ! grep -q logrotate '$R/var/lib/dpkg/info/vigil.conffiles'"
check "and left no .dpkg-remove/.dpkg-bak behind" sh -c "! ls '$R'/etc/logrotate.d/ 2>/dev/null | grep -q vigil"
sleep 1
check "the upgraded files are not 'restored' to the old seal" no_event tamper-restored
check "maintenance ended after the upgrade" sh -c "! timeout 10 chroot '$R' /usr/bin/vigil status --json | grep -q '\"maintenance\":{'"
stop_service
start_service || finish
check "the upgraded daemon guards: EICAR denied" sh -c "! timeout 10 chroot '$R' cat /srv/data/eicar.com >/dev/null 2>&1"
check "the upgraded binary is sealed again (immutable)" immutable /usr/bin/vigil
check "the upgraded binary is in the re-sealed manifest" grep -q "^$old_sha	.*/usr/bin/vigil$" "$R/var/lib/vigil/protection/manifest.tsv"

echo "test-package: remove, then purge"
stop_service
check "no vigil process left" test -z "$(vigil_pids)"
check "the installed daemon wrote its canary test file (/home/.vigil-canary)" test -f "$R/home/.vigil-canary"
if in_root 300 env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq vigil > "$work/apt3.log" 2>&1; then ok "apt-get remove"; else fail "remove: $(tail -20 "$work/apt3.log")"; fi
check "remove takes the canary test file" test ! -e "$R/home/.vigil-canary"
check "remove keeps the config" test -e "$R/etc/vigil/vigil.toml"
check "remove takes the binary" test ! -e "$R/usr/bin/vigil"
if in_root 300 env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq vigil > "$work/apt4.log" 2>&1; then ok "apt-get purge"; else fail "purge: $(tail -20 "$work/apt4.log")"; fi
left=$(cd "$R" && find . -xdev \( -path ./proc -o -path ./dev \) -prune -o -iname '*vigil*' -print | grep -v '^./tmp/vigil_' || true)
check "purge leaves no Vigil file${left:+: $left}" test -z "$left"

if command -v systemd-analyze >/dev/null 2>&1; then
    # The shipped units as systemd reads them (the host's units stand in for a booted system's).
    x=$work/extracted
    mkdir -p "$x/bin" "$x/lib/systemd/system"
    dpkg-deb -x "$deb" "$x"
    cp -a /lib/systemd/system/. "$x/lib/systemd/system/" 2>/dev/null || true
    cp /bin/kill /bin/sh "$x/bin/"
    dpkg-deb -x "$deb" "$x"      # again: the package's own units win over any host copy
    for u in vigil.service vigil-scan.service vigil-scan.timer vigil-scan-failed@.service vigil-rules-update.service vigil-rules-update.timer vigil-quarantine-prune.service vigil-quarantine-prune.timer \
             vigil-canary.service vigil-alarm@.service; do
        v=$(timeout 60 systemd-analyze verify --root="$x" "$x/lib/systemd/system/$u" 2>&1 || echo "exit $?")
        check "systemd-analyze verify $u${v:+: $v}" test -z "$v"
    done
fi
echo "  figure: package size: $(stat -c %s "$deb") bytes ($(basename "$deb")), installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/vigil > "$work/vigil.bin"
echo "  figure: readelf -d NEEDED: $(readelf -d "$work/vigil.bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
echo "  figure: RPATH/RUNPATH entries: $(readelf -d "$work/vigil.bin" | grep -cE 'RPATH|RUNPATH' || true)"
finish
