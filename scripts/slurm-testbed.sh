#!/usr/bin/env bash
# A throwaway Slurm cluster on this one host, for hpc-ha-slurm's integration tests and for trying
# things by hand. Needs root, Debian's slurm-wlm and munge. Nothing is written outside the testbed
# directory: its own munge key and munged socket, its own slurm.conf (use it through SLURM_CONF).
#
#   scripts/slurm-testbed.sh [--ha] [--dir DIR] start|stop|status|env
#   scripts/slurm-testbed.sh [--ha] [--dir DIR] stop-slurmd NODE | start-slurmd NODE
#   scripts/slurm-testbed.sh [--ha] [--dir DIR] stop-slurmctld [INDEX] | start-slurmctld [INDEX]
#
# Default: one slurmctld (SlurmctldHost = `hostname -s`, 127.0.0.1:16817) and three slurmd
# (n1..n3 at 127.0.0.1:17001-17003), in /tmp/hpcha-slurm-testbed.
# --ha: two slurmctld (hpcha-ctl0 primary, hpcha-ctl1 backup) sharing one StateSaveLocation, each in
# its own network + UTS namespace (hpcha-slurm-c0/c1, 10.213.77.10/.11) on a private bridge
# (hslurm0, 10.213.77.1 on this host), and three slurmd on this host (10.213.77.1:17011-17013),
# in /tmp/hpcha-slurm-testbed-ha. Traffic stays on loopback and on that bridge.
#
#   eval "$(scripts/slurm-testbed.sh env)"; sinfo; scontrol ping
set -euo pipefail

HA=0
DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ha) HA=1; shift ;;
    --dir) DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
CMD="${1:-}"; shift || true
if [ -z "$DIR" ]; then
  if [ "$HA" = 1 ]; then DIR=/tmp/hpcha-slurm-testbed-ha; else DIR=/tmp/hpcha-slurm-testbed; fi
fi

NODES=(n1 n2 n3)
SLURMCTLD_PORT=16817
SLURMD_TIMEOUT=10
SLURMCTLD_TIMEOUT=6
BRIDGE=hslurm0
BRIDGE_ADDR=10.213.77.1
CTL_ADDRS=(10.213.77.10 10.213.77.11)
CTL_HOSTS=(hpcha-ctl0 hpcha-ctl1)
CTL_NETNS=(hpcha-slurm-c0 hpcha-slurm-c1)
if [ "$HA" = 1 ]; then FIRST_SLURMD_PORT=17011; else FIRST_SLURMD_PORT=17001; fi

export SLURM_CONF="$DIR/etc/slurm.conf"

die() { echo "slurm-testbed: $*" >&2; exit 1; }
log() { echo "slurm-testbed: $*" >&2; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ctl_count() { if [ "$HA" = 1 ]; then echo 2; else echo 1; fi; }
ctl_pidfile() { if [ "$HA" = 1 ]; then echo "$DIR/run/ctl$1/slurmctld.pid"; else echo "$DIR/run/slurmctld.pid"; fi; }
slurmd_pidfile() { echo "$DIR/run/slurmd-$1.pid"; }

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.3
  done
}

# Sends SIGTERM to the process in a pid file, then SIGKILL if it has not gone within 15 s.
stop_pidfile() {
  local f=$1
  pid_alive "$f" || { rm -f "$f"; return 0; }
  local pid; pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 15 bash -c "! kill -0 $pid"; then
    log "pid $pid ($f) ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 5 bash -c "! kill -0 $pid" || true
  fi
  rm -f "$f"
}

require_tools() {
  [ "$(id -u)" = 0 ] || die "must run as root (slurmd and munged need it)"
  local t
  for t in munged slurmctld slurmd scontrol sinfo sbatch; do
    command -v "$t" >/dev/null || die "$t not found: install Debian's slurm-wlm and munge"
  done
  if [ "$HA" = 1 ]; then
    for t in ip unshare nsenter; do command -v "$t" >/dev/null || die "$t not found (iproute2, util-linux)"; done
  fi
}

write_conf() {
  local ctl_lines="" node_addr=127.0.0.1 last_port=$((FIRST_SLURMD_PORT + ${#NODES[@]} - 1))
  if [ "$HA" = 1 ]; then
    ctl_lines="SlurmctldHost=${CTL_HOSTS[0]}(${CTL_ADDRS[0]})
SlurmctldHost=${CTL_HOSTS[1]}(${CTL_ADDRS[1]})"
    node_addr=$BRIDGE_ADDR
    # each slurmctld sees its own run/ and log/ directory bind-mounted here (see start_slurmctld)
    local ctl_run="$DIR/run/ctl" ctl_log="$DIR/log/ctl"
  else
    ctl_lines="SlurmctldHost=$(hostname -s)(127.0.0.1)"
    local ctl_run="$DIR/run" ctl_log="$DIR/log"
  fi
  cat >"$SLURM_CONF" <<EOF
# Written by scripts/slurm-testbed.sh: a throwaway test cluster.
ClusterName=hpchatest
$ctl_lines
SlurmctldPort=$SLURMCTLD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$ctl_run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd-%n.pid
SlurmctldLogFile=$ctl_log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$DIR/etc/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=1
SlurmdTimeout=$SLURMD_TIMEOUT
SlurmctldTimeout=$SLURMCTLD_TIMEOUT
MessageTimeout=3
InactiveLimit=0
MinJobAge=30
KillWait=5
Waittime=0
NodeName=n[1-${#NODES[@]}] NodeAddr=$node_addr Port=$FIRST_SLURMD_PORT-$last_port CPUs=1 RealMemory=100 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$DIR/etc/plugstack.conf"
}

start_munged() {
  local m="$DIR/munge"
  # 755: an unprivileged user may reach the socket (tests of Slurm's "Invalid user id"); the key stays 400
  mkdir -p "$m"; chmod 755 "$m"
  if [ ! -f "$m/munge.key" ]; then
    dd if=/dev/urandom of="$m/munge.key" bs=1024 count=1 status=none
    chmod 400 "$m/munge.key"
  fi
  pid_alive "$m/munged.pid" && return 0
  munged --key-file="$m/munge.key" --socket="$m/munge.socket" --pid-file="$m/munged.pid" \
         --log-file="$m/munged.log" --seed-file="$m/munged.seed" --force
  wait_for 10 test -S "$m/munge.socket" || die "munged did not create its socket; see $m/munged.log"
}

setup_network() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || {
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_ADDR/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
  }
  local i
  for i in 0 1; do
    local ns=${CTL_NETNS[$i]} host_if="hslurm-h$i"
    ip netns list | grep -qw "^$ns" && continue
    ip netns add "$ns"
    ip link add "$host_if" type veth peer name eth0 netns "$ns"
    ip link set "$host_if" master "$BRIDGE" up
    ip -n "$ns" addr add "${CTL_ADDRS[$i]}/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  done
}

# Deleting a namespace takes its veth pair along, but asynchronously: each step tolerates a link that
# is already gone, and the function returns once every link is, so that a start may follow at once.
teardown_network() {
  local i
  for i in 0 1; do
    ip netns del "${CTL_NETNS[$i]}" 2>/dev/null || true
    ip link del "hslurm-h$i" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  wait_for 10 bash -c "! ip link show hslurm-h0 && ! ip link show hslurm-h1 && ! ip link show $BRIDGE" \
    || log "network links still present after teardown"
  return 0
}

start_slurmctld() {
  local i=${1:-0} pidfile; pidfile=$(ctl_pidfile "$i")
  pid_alive "$pidfile" && return 0
  if [ "$HA" = 1 ]; then
    mkdir -p "$DIR/run/ctl$i" "$DIR/log/ctl$i" "$DIR/run/ctl" "$DIR/log/ctl"
    # own network namespace (its address), own UTS namespace (its host name, by which slurmctld finds
    # its SlurmctldHost line), own mount namespace (its own pid and log file under the shared names)
    ip netns exec "${CTL_NETNS[$i]}" unshare --uts --mount --propagation private sh -c '
      hostname "$1"
      mount --bind "$2/run/ctl$3" "$2/run/ctl"
      mount --bind "$2/log/ctl$3" "$2/log/ctl"
      exec slurmctld' sh "${CTL_HOSTS[$i]}" "$DIR" "$i"
  else
    slurmctld
  fi
  wait_for 20 test -s "$pidfile" || die "slurmctld #$i did not start; see $DIR/log"
}

stop_slurmctld() {
  stop_pidfile "$(ctl_pidfile "${1:-0}")"
}

start_slurmd() {
  local n=$1
  pid_alive "$(slurmd_pidfile "$n")" && return 0
  mkdir -p "$DIR/spool/$n"
  slurmd -N "$n"
  wait_for 20 test -s "$(slurmd_pidfile "$n")" || die "slurmd $n did not start; see $DIR/log/slurmd-$n.log"
}

stop_slurmd() {
  stop_pidfile "$(slurmd_pidfile "$1")"
}

all_idle() {
  local states
  states=$(sinfo -h -N -o '%T' 2>/dev/null) || return 1
  [ "$(echo "$states" | grep -cx idle)" = "${#NODES[@]}" ]
}

cmd_start() {
  require_tools
  cmd_stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR"/{etc,state,spool,run,log}
  write_conf
  start_munged
  if [ "$HA" = 1 ]; then setup_network; fi
  local i n
  for ((i = 0; i < $(ctl_count); i++)); do start_slurmctld "$i"; done
  wait_for 30 scontrol ping || die "slurmctld does not answer; see $DIR/log"
  for n in "${NODES[@]}"; do start_slurmd "$n"; done
  wait_for 60 all_idle || { sinfo -N >&2 || true; die "nodes did not all become idle; see $DIR/log"; }
  log "up: $(sinfo -h -N -o '%N=%T' | tr '\n' ' ')"
  echo "export SLURM_CONF=$SLURM_CONF"
}

cmd_stop() {
  local n i
  for n in "${NODES[@]}"; do stop_slurmd "$n"; done
  for ((i = 0; i < 2; i++)); do
    [ -f "$(ctl_pidfile "$i")" ] && stop_slurmctld "$i"
  done
  [ -d "$DIR/munge" ] && stop_pidfile "$DIR/munge/munged.pid"
  if [ "$HA" = 1 ]; then teardown_network; fi
  return 0
}

cmd_status() {
  local n i rc=0
  [ -f "$SLURM_CONF" ] || { echo "no testbed in $DIR"; return 3; }
  pid_alive "$DIR/munge/munged.pid" && echo "munged: running" || { echo "munged: stopped"; rc=3; }
  for ((i = 0; i < $(ctl_count); i++)); do
    pid_alive "$(ctl_pidfile "$i")" && echo "slurmctld #$i: running" || { echo "slurmctld #$i: stopped"; rc=3; }
  done
  for n in "${NODES[@]}"; do
    pid_alive "$(slurmd_pidfile "$n")" && echo "slurmd $n: running" || { echo "slurmd $n: stopped"; rc=3; }
  done
  scontrol ping || true
  sinfo -N || true
  echo "export SLURM_CONF=$SLURM_CONF"
  return $rc
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "export SLURM_CONF=$SLURM_CONF" ;;
  stop-slurmd) stop_slurmd "${1:?node name}" ;;
  start-slurmd) start_slurmd "${1:?node name}" ;;
  stop-slurmctld) stop_slurmctld "${1:-0}" ;;
  start-slurmctld) start_slurmctld "${1:-0}" ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
