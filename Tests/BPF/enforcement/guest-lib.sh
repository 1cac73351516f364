# Sourced by guest-enforcement.sh and guest-daemon.sh: the counters, the clock, and the
# one shape of an attack step. The sourcing script defines, before it calls `attack`:
#   events_of KIND   how many refusal events of KIND it has seen so far;
#   newest_event KIND (optional) the newest such event, shown in the ok line;
#   TABLE            the file the markdown table rows go to;
#   WHERE            where the events are read, for the messages (" in the daemon's log").
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
now_ms() { read -r up _ < /proc/uptime; echo "${up%.*}${up#*.}0" | sed 's/^0*//'; }

# wait_event KIND BEFORE: until more than BEFORE events of KIND, at most 2 s; prints
# "N ms" and, when the script can name it, the newest such event.
wait_event() {
    start=$(now_ms)
    i=0
    while [ "$(events_of "$1")" -le "$2" ] && [ $i -lt 40 ]; do usleep 50000; i=$((i + 1)); done
    [ "$(events_of "$1")" -gt "$2" ] || return 1
    line=""
    command -v newest_event > /dev/null 2>&1 && line=": $(newest_event "$1")"
    echo "$(( $(now_ms) - start )) ms$line"
}

# attack NAME KIND EXPECT -- COMMAND...: COMMAND must fail (unless EXPECT is "(exit 0)"),
# its output must contain EXPECT (the errno as the tool words it), and a KIND event must
# follow within 2 s. One ok or FAIL line, one table row.
attack() {
    name=$1 kind=$2 expect=$3
    shift 4
    before=$(events_of "$kind")
    out=$("$@" 2>&1)
    rc=$?
    out=$(echo "$out" | tr '\n' ' ' | cut -c1-160)
    if [ $rc -eq 0 ] && [ "$expect" != "(exit 0)" ]; then
        fail "$name: was allowed: $out"
        echo "| $name | ALLOWED | - |" >> "$TABLE"
        return
    fi
    case $out in
        *"$expect"*) ;;
        *) fail "$name: expected '$expect', got: $out (exit $rc)"; echo "| $name | $out | - |" >> "$TABLE"; return ;;
    esac
    if seen=$(wait_event "$kind" "$before"); then
        ok "$name: refused ($expect); $kind$WHERE after $seen"
        echo "| $name | $expect | \`$kind\`$WHERE after ${seen%% ms*} ms |" >> "$TABLE"
    else
        fail "$name: refused ($expect) but no $kind event$WHERE within 2 s"
        echo "| $name | $expect | none |" >> "$TABLE"
    fi
}

# check NAME COMMAND...: a plain assertion.
check() {
    name=$1
    shift
    if "$@"; then ok "$name"; else fail "$name"; fi
}

# install_as_admin [ARGS...]: the folders systemd makes for vigil.service
# (RuntimeDirectory=, StateDirectory=, LogsDirectory=) and the ones a host has, then
# `vigil install ARGS` from the guest's copy (its output in /tmp/install.out).
install_as_admin() {
    mkdir -p /home/user /srv /var/tmp /etc/systemd/system
    mkdir -p -m 0700 /run/vigil /var/lib/vigil
    mkdir -p -m 0750 /var/log/vigil
    VIGIL_SIGNATURES=/vigil/Signatures VIGIL_SYSTEMD=/vigil/Systemd /vigil/bin/vigil install "$@" > /tmp/install.out 2>&1
}

# plant_eicar FILE: the EICAR test file.
plant_eicar() { printf 'X5O!P%%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$1"; }

# launch_daemon TRIES [SECONDS]: the installed `vigil daemon` in the background ($daemon,
# its output in $OUT), then `vigil status --json` into /tmp/status.json every 100 ms until
# it answers, TRIES times at most (each try bounded by SECONDS when given). Returns 1 if
# the daemon died meanwhile; the caller reports that its own way.
launch_daemon() {
    : > $OUT
    /usr/local/bin/vigil daemon > $OUT 2>&1 &
    daemon=$!
    i=0
    while ! ${2:+timeout $2} vigil status --json > /tmp/status.json 2>/dev/null && [ $i -lt $1 ]; do
        kill -0 $daemon 2>/dev/null || break
        usleep 100000
        i=$((i + 1))
    done
    kill -0 $daemon 2>/dev/null
}
