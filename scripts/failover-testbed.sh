#!/usr/bin/env bash
# An HA Slurm controller pair on this host, failed over by the controller-failover daemon: the testbed
# of hpc-ha-e2e-tests' ControllerFailoverIT, usable by hand. Needs root, iproute2, iputils arping, util-linux
# (nsenter, unshare), Debian's slurm-wlm and munge, and Java 17. Build first, so that the daemon jar
# and DynamoDB Local's class path exist:
#
#   mvn -B -q -pl hpc-ha-e2e-tests -am package -DskipTests
#   scripts/failover-testbed.sh start          # builds the network, starts everything; ctl1 becomes active
#   scripts/failover-testbed.sh status         # processes, lease holder's address, scontrol ping via the address
#   scripts/failover-testbed.sh kill-active    # SIGKILLs the active controller's daemon and slurmctld, prints its name
#   scripts/failover-testbed.sh start-daemon ctl1   # brings the killed side back, as the new standby
#   scripts/failover-testbed.sh freeze-active  # SIGSTOPs the active daemon only: the standby must fence it
#   scripts/failover-testbed.sh client -- srun -N1 hostname   # any command on the client, through the address
#   scripts/failover-testbed.sh stop           # stops every process and removes the network; logs stay in DIR
#
# Options (before the command):
#   --dir DIR             configuration, Slurm state and logs (default /tmp/hpcha-e2e; start wipes it)
#   --jar FILE            the daemon (default hpc-ha-e2e-tests/target/e2e/hpc-ha-examples-all.jar,
#                         else hpc-ha-examples/target/hpc-ha.jar)
#   --lease-duration 4s   the lease's duration and the daemons' renewal interval (see the timing
#   --tick 1s             budget in hpc-ha-e2e-tests' ControllerFailoverIT)
#   --verbose             the daemons log at DEBUG, which shows a standby's every look at the lease
#
# Layout: a bridge he2e0 on this host (10.213.90.1/24) and one network + UTS namespace per node, each
# with eth0 on the bridge, an /etc/hosts naming every node (through /etc/netns) and its own host name:
#   hpcha-e2e-ctl1    10.213.90.11  slurmctld (when active) + controller-failover daemon
#   hpcha-e2e-ctl2    10.213.90.12  slurmctld (when active) + controller-failover daemon
#   hpcha-e2e-client  10.213.90.21  Slurm commands through the floating address
#   hpcha-e2e-n1      10.213.90.31  slurmd n1
#   hpcha-e2e-lease   10.213.90.5   DynamoDB Local (in memory) at http://10.213.90.5:8000, table hpc-ha-leases
# The floating address is 10.213.90.100/24 (eth0:ha), host name "slurmctl". The namespaces have no
# default route: nothing leaves the bridge. One munged on the host serves all (socket in DIR/munge).
# The names are fixed, so one such testbed runs on a host at a time; they differ from those of
# scripts/netns-testbed.sh and scripts/slurm-testbed.sh, which can run beside it.
#
# Slurm runs like a Pacemaker resource: slurmctld runs only on the controller that holds the lease,
# started by that controller's daemon through this script (start-slurmctld). Both controllers share
# StateSaveLocation (DIR/state). Controller ctlN uses DIR/etc/ctlN/slurm.conf, which has both
# SlurmctldHost lines, its own first, so it always starts as primary (see write_conf for why); the
# client and slurmd use DIR/etc/vip/slurm.conf, whose only SlurmctldHost is the floating address.
#
# Commands the daemons run (see DIR/etc/ctlN/controller-failover.yaml):
#   start-slurmctld NODE | stop-slurmctld NODE | slurmctld-status NODE   (the slurmctld service)
#   fence-off NODE | fence-status NODE   (the fence agent: "power" is NODE's daemon and slurmctld;
#                                         status exits 0 when on, 2 when off; off refuses a fencing
#                                         token, HPCHA_FENCING_TOKEN, older than the newest it obeyed)
# Other commands: prepare (start without the daemons), lease (the lease item as DynamoDB Local has
# it), active (prints the node holding the address), exec NODE -- CMD (runs CMD in
# NODE's namespaces with NODE's SLURM_CONF), stop-daemon NODE, kill NODE, env.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELF="$ROOT/scripts/failover-testbed.sh"
DIR=/tmp/hpcha-e2e
JAR=""
LEASE_DURATION=4s
TICK=1s
VERBOSE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --lease-duration) LEASE_DURATION="$2"; shift 2 ;;
    --tick) TICK="$2"; shift 2 ;;
    --verbose) VERBOSE=(--verbose); shift ;;
    -h|--help) sed -n '2,49p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
CMD="${1:-}"; shift || true

PREFIX=hpcha-e2e
BRIDGE=he2e0
NET=10.213.90
BRIDGE_ADDR=$NET.1
VIP=$NET.100
DDB_PORT=8000
NODES=(ctl1=$NET.11 ctl2=$NET.12 client=$NET.21 n1=$NET.31 lease=$NET.5)
UTS_DIR=/run/hpcha-e2e/uts
E2E_TARGET="$ROOT/hpc-ha-e2e-tests/target/e2e"

die() { echo "failover-testbed: $*" >&2; exit 1; }
log() { echo "failover-testbed: $(date -u +%H:%M:%S.%3N) $*" >&2; }

node_addr() { local s; for s in "${NODES[@]}"; do [ "${s%%=*}" = "$1" ] && { echo "${s#*=}"; return 0; }; done; return 1; }
node_ns() { echo "$PREFIX-$1"; }
valid_node() { node_addr "$1" >/dev/null || die "unknown node '$1' (nodes: ctl1 ctl2 client n1 lease)"; }
valid_ctl() { case "$1" in ctl1|ctl2) ;; *) die "not a controller: '$1' (ctl1 or ctl2)" ;; esac; }
other_ctl() { if [ "$1" = ctl1 ]; then echo ctl2; else echo ctl1; fi; }
conf_of() { case "$1" in ctl1|ctl2) echo "$DIR/etc/$1/slurm.conf" ;; *) echo "$DIR/etc/vip/slurm.conf" ;; esac; }

# Whether the process in a pid file runs (a zombie does not: the killed daemons' parent may reap late).
pid_alive() {
  [ -s "$1" ] || return 1
  local state
  state=$(awk '{print $3}' "/proc/$(cat "$1")/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.1
  done
}

# Runs a command in NODE's network and UTS namespaces (its address, its host name, its /etc/hosts).
in_node() {
  local node=$1; shift
  ip netns exec "$(node_ns "$node")" nsenter --uts="$UTS_DIR/$node" -- env SLURM_CONF="$(conf_of "$node")" "$@"
}

# SIGKILLs the processes in the given pid files at once (a crash, not a stop).
kill_pidfiles() {
  local f
  for f in "$@"; do pid_alive "$f" && kill -KILL "$(cat "$f")" 2>/dev/null || true; done
  for f in "$@"; do wait_for 5 bash -c "$(declare -f pid_alive); ! pid_alive '$f'" || true; rm -f "$f"; done
}

# SIGTERM, then SIGKILL after 10 s.
stop_pidfile() {
  pid_alive "$1" || { rm -f "$1"; return 0; }
  local pid; pid=$(cat "$1")
  kill -TERM "$pid" 2>/dev/null || true
  wait_for 10 bash -c "$(declare -f pid_alive); ! pid_alive '$1'" || { kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$1"
}

require_tools() {
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces, slurmd, munged)"
  local t
  for t in ip nsenter unshare arping munged slurmctld slurmd scontrol srun sinfo java; do
    command -v "$t" >/dev/null || die "$t not found: install iproute2, util-linux, iputils-arping, munge, slurm-wlm and Java 17"
  done
}

daemon_jar() {
  if [ -n "$JAR" ]; then echo "$JAR"
  elif [ -f "$E2E_TARGET/hpc-ha-examples-all.jar" ]; then echo "$E2E_TARGET/hpc-ha-examples-all.jar"
  else echo "$ROOT/hpc-ha-examples/target/hpc-ha.jar"; fi
}

# ---------------------------------------------------------------- network

net_up() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge stp_state 0
  ip -4 addr show dev "$BRIDGE" | grep -q "inet $BRIDGE_ADDR/" || ip addr add "$BRIDGE_ADDR/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  mkdir -p "$UTS_DIR"
  local hosts spec name addr ns
  hosts="$(printf '127.0.0.1\tlocalhost\n'; for spec in "${NODES[@]}"; do printf '%s\t%s\n' "${spec#*=}" "${spec%%=*}"; done;
           printf '%s\tslurmctl\n' "$VIP")"
  for spec in "${NODES[@]}"; do
    name=${spec%%=*}; addr=${spec#*=}; ns=$(node_ns "$name")
    [ -e "/run/netns/$ns" ] || ip netns add "$ns"
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
      ip link del "he2e-$name" >/dev/null 2>&1 || true
      ip link add "he2e-$name" type veth peer name eth0 netns "$ns"
    fi
    ip link set "he2e-$name" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" -4 addr show dev eth0 | grep -q "inet $addr/" || ip -n "$ns" addr add "$addr/24" dev eth0
    mkdir -p "/etc/netns/$ns"
    printf '%s\n' "$hosts" > "/etc/netns/$ns/hosts"
    if ! findmnt -n "$UTS_DIR/$name" >/dev/null 2>&1; then
      touch "$UTS_DIR/$name"
      unshare --uts="$UTS_DIR/$name" hostname "$name"
    fi
  done
}

net_down() {
  local spec name ns pid
  for spec in "${NODES[@]}"; do
    name=${spec%%=*}; ns=$(node_ns "$name")
    if [ -e "/run/netns/$ns" ]; then
      # anything still running in the namespace dies with the testbed
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
      ip netns del "$ns"
    fi
    ip link del "he2e-$name" >/dev/null 2>&1 || true
    rm -rf "/etc/netns/$ns"
    if [ -e "$UTS_DIR/$name" ]; then
      findmnt -n "$UTS_DIR/$name" >/dev/null 2>&1 && umount "$UTS_DIR/$name"
      rm -f "$UTS_DIR/$name"
    fi
  done
  ip link del "$BRIDGE" >/dev/null 2>&1 || true
  rmdir "$UTS_DIR" /run/hpcha-e2e /etc/netns 2>/dev/null || true
}

# The nodes whose namespace holds the floating address: one controller, or none during a move.
address_holder() {
  local spec n
  for spec in "${NODES[@]}"; do
    n=${spec%%=*}
    if ip -n "$(node_ns "$n")" -4 -o addr show dev eth0 2>/dev/null | grep -q "inet $VIP/"; then echo "$n"; fi
  done
}

# ---------------------------------------------------------------- configuration

write_slurm_conf() {
  local file=$1 controllers=$2 who=$3
  cat >"$file" <<EOF
# Written by scripts/failover-testbed.sh for $who.
ClusterName=hpchae2e
$controllers
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/%n
SlurmctldPidFile=$DIR/run/slurmctld-$who.pid
SlurmdPidFile=$DIR/run/slurmd-%n.pid
SlurmctldLogFile=$DIR/log/slurmctld-$who.log
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
# the controllers' files differ from the client's in SlurmctldHost by design
DebugFlags=NO_CONF_HASH
ReturnToService=2
SlurmdTimeout=30
SlurmctldTimeout=10
MessageTimeout=3
TCPTimeout=2
InactiveLimit=30
MinJobAge=10
KillWait=2
Waittime=0
NodeName=n1 NodeAddr=$(node_addr n1) CPUs=1 RealMemory=100 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

write_daemon_conf() {
  local node=$1 peer; peer=$(other_ctl "$1")
  cat >"$DIR/etc/$node/controller-failover.yaml" <<EOF
# Written by scripts/failover-testbed.sh: the controller-failover daemon on $node.
node: $node

lease:
  provider: dynamodb
  region: us-east-1
  endpoint: http://$(node_addr lease):$DDB_PORT
  table: hpc-ha-leases
  name: slurm-controller
  duration: $LEASE_DURATION
  clockSkew: 500ms             # every node runs on this host's clock
  maxAttempts: 2
  apiCallTimeout: 1500ms
  apiCallAttemptTimeout: 700ms

address:
  provider: linux-ip
  address: $VIP
  prefixLength: 24
  interface: eth0
  label: eth0:ha
  localNode: $node
  nodes:
    $peer: {netns: $(node_ns "$peer")}
  arpCount: 1
  arpInterval: 1s
  commandTimeout: 5s
  verifyTimeout: 3s

scheduler:
  provider: slurm
  slurmConf: $DIR/etc/$node/slurm.conf
  commandTimeout: 10s

fence:
  method: agent
  off: [$SELF, --dir, $DIR, fence-off, $peer]
  status: [$SELF, --dir, $DIR, fence-status, $peer]

services:
  - name: slurmctld
    start: [$SELF, --dir, $DIR, start-slurmctld, $node]
    stop: [$SELF, --dir, $DIR, stop-slurmctld, $node]
    status: [$SELF, --dir, $DIR, slurmctld-status, $node]
commandTimeout: 30s

plan:
  maxAttempts: 3
  attemptTimeout: 30s
  backoff: 500ms
  maxBackoff: 2s
  retryAfter: 3s

election:
  tickEvery: $TICK
  safetyMargin: 1s

metrics:
  enabled: false

logging:
  format: text
EOF
}

write_conf() {
  mkdir -p "$DIR"/{etc/ctl1,etc/ctl2,etc/vip,state,spool/n1,run,log}
  # Each controller names itself first: the daemon, not Slurm, decides which one runs, and a slurmctld
  # that starts as a configured backup stays in standby for about 6 s even after `scontrol takeover`
  # (Slurm 22.05), most of a 10 s failover budget. As primary it serves at once from the shared state.
  local c1="SlurmctldHost=ctl1($(node_addr ctl1))" c2="SlurmctldHost=ctl2($(node_addr ctl2))"
  write_slurm_conf "$DIR/etc/ctl1/slurm.conf" "$c1"$'\n'"$c2" ctl1
  write_slurm_conf "$DIR/etc/ctl2/slurm.conf" "$c2"$'\n'"$c1" ctl2
  write_slurm_conf "$DIR/etc/vip/slurm.conf" "SlurmctldHost=slurmctl($VIP)" vip
  : >"$DIR/etc/plugstack.conf"
  write_daemon_conf ctl1
  write_daemon_conf ctl2
}

# ---------------------------------------------------------------- processes

start_munged() {
  local m="$DIR/munge"
  mkdir -p "$m"; chmod 700 "$m"
  [ -f "$m/munge.key" ] || { dd if=/dev/urandom of="$m/munge.key" bs=1024 count=1 status=none; chmod 400 "$m/munge.key"; }
  pid_alive "$m/munged.pid" && return 0
  munged --key-file="$m/munge.key" --socket="$m/munge.socket" --pid-file="$m/munged.pid" \
         --log-file="$m/munged.log" --seed-file="$m/munged.seed" --force
  wait_for 10 test -S "$m/munge.socket" || die "munged did not create its socket; see $m/munged.log"
}

# One HTTP request to DynamoDB Local's JSON API over bash's /dev/tcp (no client tools needed). The
# emulator checks that a request is signed in form, not the signature.
dynamodb_call() {
  local target=$1 body=$2 addr; addr=$(node_addr lease)
  exec 3<>"/dev/tcp/$addr/$DDB_PORT" || return 1
  printf 'POST / HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.%s\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDLOCALEMULATOR/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$addr" "$DDB_PORT" "$target" "${#body}" "$body" >&3
  cat <&3
  exec 3<&-
}

start_lease_store() {
  local pidfile="$DIR/run/dynamodb-local.pid" cpfile="$E2E_TARGET/dynamodb-local.classpath"
  pid_alive "$pidfile" && return 0
  [ -f "$cpfile" ] || die "$cpfile missing: build hpc-ha-e2e-tests first (mvn -pl hpc-ha-e2e-tests -am package -DskipTests)"
  mkdir -p "$DIR/dynamodb"
  ( cd "$DIR/dynamodb" && exec ip netns exec "$(node_ns lease)" java -Xmx256m -XX:+UseSerialGC \
      -Djava.library.path="$E2E_TARGET/native" -cp "$(cat "$cpfile")" \
      com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -sharedDb -disableTelemetry -port "$DDB_PORT" \
      </dev/null >>"$DIR/log/dynamodb-local.log" 2>&1 ) &
  echo $! >"$pidfile"
  wait_for 60 bash -c "exec 3<>/dev/tcp/$(node_addr lease)/$DDB_PORT" || die "DynamoDB Local did not listen; see $DIR/log/dynamodb-local.log"
  local out
  out=$(dynamodb_call CreateTable '{"TableName":"hpc-ha-leases","KeySchema":[{"AttributeName":"lease","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"lease","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}')
  case "$out" in
    *'HTTP/1.1 200'*) ;;
    *ResourceInUseException*) ;;
    *) die "creating the lease table failed: $out" ;;
  esac
}

start_slurmd() {
  pid_alive "$DIR/run/slurmd-n1.pid" && return 0
  # nsenter, not `ip netns exec`: that remounts /sys for the namespace, which hides the cgroup file
  # system slurmd needs
  nsenter --net="/run/netns/$(node_ns n1)" --uts="$UTS_DIR/n1" -- env SLURM_CONF="$(conf_of n1)" \
    slurmd -N n1 </dev/null >>"$DIR/log/slurmd-n1.out" 2>&1
  wait_for 20 test -s "$DIR/run/slurmd-n1.pid" || die "slurmd did not start; see $DIR/log/slurmd-n1.log"
}

start_daemon() {
  local node=$1 pidfile="$DIR/run/daemon-$1.pid" jar; jar=$(daemon_jar)
  pid_alive "$pidfile" && return 0
  [ -f "$jar" ] || die "$jar missing: build first (mvn -pl hpc-ha-e2e-tests -am package -DskipTests)"
  ( exec ip netns exec "$(node_ns "$node")" nsenter --uts="$UTS_DIR/$node" -- \
      java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
      -jar "$jar" controller-failover "${VERBOSE[@]}" --config "$DIR/etc/$node/controller-failover.yaml" \
      </dev/null >>"$DIR/log/daemon-$node.log" 2>&1 ) &
  echo $! >"$pidfile"
  log "daemon on $node started (pid $(cat "$pidfile"))"
}

slurmctld_pidfile() { echo "$DIR/run/slurmctld-$1.pid"; }

# The slurmctld of NODE answers and is in control.
slurmctld_in_control() {
  local out
  out=$(in_node "$1" timeout 5 scontrol -o show partition 2>&1) || return 1
  [[ "$out" == PartitionName=* ]]
}

start_slurmctld() {
  local node=$1 pidfile; pidfile=$(slurmctld_pidfile "$1")
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    in_node "$node" slurmctld </dev/null >>"$DIR/log/slurmctld-$node.out" 2>&1
    wait_for 20 test -s "$pidfile" || die "slurmctld on $node did not start; see $DIR/log/slurmctld-$node.log"
  fi
  wait_for 20 slurmctld_in_control "$node" || die "slurmctld on $node is not in control; see $DIR/log/slurmctld-$node.log"
  log "slurmctld on $node in control"
}

fence_status() {
  if pid_alive "$DIR/run/daemon-$1.pid" || pid_alive "$(slurmctld_pidfile "$1")"; then return 0; fi
  return 2
}

kill_node() {
  kill_pidfiles "$DIR/run/daemon-$1.pid" "$(slurmctld_pidfile "$1")"
}

# Everything but the daemons: network, configuration, munged, the lease store, slurmd.
cmd_prepare() {
  require_tools
  # DIR is wiped: only ever one this script made (it leaves a marker), or an empty or new one
  [[ "$DIR" == /?* ]] || die "--dir must be an absolute path, found '$DIR'"
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -f "$DIR/.failover-testbed" ]; then
    die "$DIR is not empty and was not made by this script; not wiping it"
  fi
  cmd_stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR"
  touch "$DIR/.failover-testbed"
  write_conf
  net_up
  start_munged
  start_lease_store
  start_slurmd
}

cmd_start() {
  cmd_prepare
  start_daemon ctl1
  wait_for 90 bash -c "[ \"\$('$SELF' --dir '$DIR' active 2>/dev/null)\" = ctl1 ]" \
    || die "ctl1 did not become active; see $DIR/log/daemon-ctl1.log"
  start_daemon ctl2
  wait_for 60 bash -c "'$SELF' --dir '$DIR' exec client -- sinfo -h -N -o %T 2>/dev/null | grep -qx idle" \
    || die "n1 did not become idle; see $DIR/log"
  log "up: ctl1 active, ctl2 standby, n1 idle"
}

cmd_stop() {
  local n active; active=$(address_holder | head -n 1)
  # the standby first: stopped after the active one, it would take over and fence it
  for n in $(other_ctl "${active:-ctl2}") "${active:-ctl2}"; do stop_pidfile "$DIR/run/daemon-$n.pid"; done
  kill_pidfiles "$(slurmctld_pidfile ctl1)" "$(slurmctld_pidfile ctl2)"
  stop_pidfile "$DIR/run/slurmd-n1.pid"
  stop_pidfile "$DIR/run/dynamodb-local.pid"
  [ -d "$DIR/munge" ] && stop_pidfile "$DIR/munge/munged.pid"
  net_down
  return 0
}

cmd_status() {
  local n rc=0
  pid_alive "$DIR/munge/munged.pid" && echo "munged: running" || { echo "munged: stopped"; rc=3; }
  pid_alive "$DIR/run/dynamodb-local.pid" && echo "dynamodb-local: running" || { echo "dynamodb-local: stopped"; rc=3; }
  for n in ctl1 ctl2; do
    echo "$n: daemon $(pid_alive "$DIR/run/daemon-$n.pid" && echo running || echo stopped)," \
      "slurmctld $(pid_alive "$(slurmctld_pidfile "$n")" && echo running || echo stopped)"
  done
  pid_alive "$DIR/run/slurmd-n1.pid" && echo "slurmd n1: running" || { echo "slurmd n1: stopped"; rc=3; }
  echo "address $VIP on: $(address_holder | tr '\n' ' ')"
  [ -e "/run/netns/$(node_ns client)" ] && { in_node client timeout 10 scontrol ping || true; in_node client timeout 10 sinfo -N || true; }
  return $rc
}

case "$CMD" in
  start) cmd_start ;;
  prepare) cmd_prepare ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  active) h=$(address_holder); [ -n "$h" ] || exit 3; echo "$h" ;;
  kill-active)
    h=$(address_holder)
    [ "$(echo "$h" | wc -w)" = 1 ] || die "expected one controller holding $VIP, found: '${h//$'\n'/ }'"
    valid_ctl "$h"; kill_node "$h"; echo "$h" ;;
  freeze-active)
    h=$(address_holder)
    [ "$(echo "$h" | wc -w)" = 1 ] || die "expected one controller holding $VIP, found: '${h//$'\n'/ }'"
    valid_ctl "$h"; pid_alive "$DIR/run/daemon-$h.pid" || die "no daemon runs on $h"
    kill -STOP "$(cat "$DIR/run/daemon-$h.pid")"; echo "$h" ;;
  kill) valid_ctl "${1:-}"; kill_node "$1" ;;
  start-daemon) valid_ctl "${1:-}"; start_daemon "$1" ;;
  stop-daemon) valid_ctl "${1:-}"; stop_pidfile "$DIR/run/daemon-$1.pid" ;;
  start-slurmctld) valid_ctl "${1:-}"; start_slurmctld "$1" ;;
  stop-slurmctld) valid_ctl "${1:-}"; stop_pidfile "$(slurmctld_pidfile "$1")" ;;
  slurmctld-status) valid_ctl "${1:-}"; pid_alive "$(slurmctld_pidfile "$1")" || exit 3 ;;
  fence-off)
    # Like a fence agent that checks fencing tokens: an order older than the newest one it obeyed is
    # refused, so a deposed holder cannot fence the node that took over from it.
    valid_ctl "${1:-}"; token="${HPCHA_FENCING_TOKEN:-}"
    [[ "$token" =~ ^[0-9]+$ ]] || die "fence-off: HPCHA_FENCING_TOKEN missing or not a number: '$token'"
    newest=$(cat "$DIR/run/fence-token" 2>/dev/null || echo 0)
    [ "$token" -ge "$newest" ] || die "fence-off $1: refused, fencing token $token is older than $newest"
    echo "$token" >"$DIR/run/fence-token"
    log "fencing $1 (fencing token $token)"; kill_node "$1" ;;
  fence-status) valid_ctl "${1:-}"; fence_status "$1" ;;
  exec|client)
    if [ "$CMD" = client ]; then node=client; else node="${1:-}"; shift || true; fi
    valid_node "$node"; [ "${1:-}" = "--" ] && shift; [ $# -gt 0 ] || die "exec: no command"
    in_node "$node" "$@" ;;
  env) echo "export SLURM_CONF=$DIR/etc/vip/slurm.conf" ;;
  lease) dynamodb_call GetItem '{"TableName":"hpc-ha-leases","Key":{"lease":{"S":"slurm-controller"}},"ConsistentRead":true}' | tail -n 1; echo ;;
  *) sed -n '2,49p' "$0" >&2; exit 2 ;;
esac
