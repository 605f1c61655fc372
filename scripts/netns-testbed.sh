#!/usr/bin/env bash
# A small layer-2 network of Linux network namespaces on this host: two controllers and a client on
# one bridge, for the on-prem floating address (hpc-ha-linux) and the controller-failover end-to-end
# test. Usable by hand. Needs root and iproute2 (nsenter from util-linux for `exec`).
#
#   scripts/netns-testbed.sh [--prefix P] [--node NAME=ADDRESS]... up
#   scripts/netns-testbed.sh [--prefix P] down | status | nodes
#   scripts/netns-testbed.sh [--prefix P] ns NODE                  # prints NODE's namespace name
#   scripts/netns-testbed.sh [--prefix P] exec NODE [--] CMD [ARG]... # runs CMD in NODE's namespaces
#
# Layout with the defaults (prefix "hpcha"; the floating address 10.213.0.100 is left free):
#   hpcha-net     the bridge hpcha-br0 (no address) and its ports v-ctl1, v-ctl2, v-client
#   hpcha-ctl1    lo, eth0 10.213.0.11/24   hostname ctl1
#   hpcha-ctl2    lo, eth0 10.213.0.12/24   hostname ctl2
#   hpcha-client  lo, eth0 10.213.0.21/24   hostname client
# Each --node NAME=ADDRESS replaces the default node list (NAME: 1-12 of [a-z0-9], ADDRESS in
# 10.213.0.0/24). A different --prefix (1-32 of [a-z0-9-]) gives an independent testbed, so parallel
# test runs do not collide; the prefix is also read from HPCHA_NETNS_PREFIX.
#
# The bridge lives in its own namespace, not in the host's: nothing is added to the host's network,
# the host's firewall (br_netfilter) cannot drop the bridged frames, and interface names cannot clash.
# No address is routed anywhere: the 10.213.0.0/24 addresses exist only inside these namespaces.
#
# Host names: each node has a persistent UTS namespace (bind-mounted at
# /run/hpcha-testbed/PREFIX/uts/NODE) whose hostname is NODE, and an /etc/netns/PREFIX-NODE/hosts
# that `ip netns exec` shows as /etc/hosts, naming every node. `exec NODE CMD` enters both:
#   ip netns exec PREFIX-NODE nsenter --uts=/run/hpcha-testbed/PREFIX/uts/NODE -- CMD
# so a slurmctld started that way sees hostname ctl1 and resolves ctl2. (`ip netns exec NS unshare
# --uts sh -c 'hostname ctl1; exec CMD'` does the same for a single process.)
#
# up and down are idempotent; status exits 0 when the whole testbed is up, 3 when none of it exists,
# 1 when it is partly there.
set -euo pipefail

PREFIX="${HPCHA_NETNS_PREFIX:-hpcha}"
NODES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --node) NODES+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
CMD="${1:-}"; shift || true

die() { echo "netns-testbed: $*" >&2; exit 2; }
log() { echo "netns-testbed: $*" >&2; }

[[ "$PREFIX" =~ ^[a-z0-9][a-z0-9-]{0,31}$ ]] || die "invalid prefix '$PREFIX' (1-32 of [a-z0-9-])"

BRIDGE=hpcha-br0
NET_NS="$PREFIX-net"
STATE="/run/hpcha-testbed/$PREFIX"
SUBNET_PREFIX=24

node_ns() { echo "$PREFIX-$1"; }
uts_file() { echo "$STATE/uts/$1"; }
ns_exists() { [ -e "/run/netns/$1" ]; }

# The node list: given on the command line, else the one `up` recorded, else the defaults.
if [ ${#NODES[@]} -eq 0 ]; then
  if [ -f "$STATE/nodes" ]; then
    mapfile -t NODES < "$STATE/nodes"
  else
    NODES=(ctl1=10.213.0.11 ctl2=10.213.0.12 client=10.213.0.21)
  fi
fi
for spec in "${NODES[@]}"; do
  [[ "$spec" =~ ^[a-z0-9]{1,12}=10\.213\.0\.([0-9]{1,3})$ ]] || die "invalid node '$spec' (NAME=10.213.0.N)"
  n="${BASH_REMATCH[1]}"
  [ "${spec%%=*}" != net ] || die "node name 'net' is taken by the bridge namespace"
  [ "$n" -ge 1 ] && [ "$n" -le 254 ] && [ "$n" != 100 ] || die "invalid address in '$spec' (1-254, not .100)"
done
node_names() { for spec in "${NODES[@]}"; do echo "${spec%%=*}"; done; }
node_addr() { local spec; for spec in "${NODES[@]}"; do if [ "${spec%%=*}" = "$1" ]; then echo "${spec#*=}"; fi; done; }

need_root() { [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"; }

up() {
  need_root
  mkdir -p "$STATE/uts"
  printf '%s\n' "${NODES[@]}" > "$STATE/nodes"
  ns_exists "$NET_NS" || ip netns add "$NET_NS"
  ip -n "$NET_NS" link set lo up
  ip -n "$NET_NS" link show "$BRIDGE" >/dev/null 2>&1 || ip -n "$NET_NS" link add "$BRIDGE" type bridge stp_state 0
  ip -n "$NET_NS" link set "$BRIDGE" up
  local hosts
  hosts="$(printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'; \
           for spec in "${NODES[@]}"; do printf '%s\t%s\n' "${spec#*=}" "${spec%%=*}"; done)"
  local name ns addr
  for name in $(node_names); do
    ns="$(node_ns "$name")"; addr="$(node_addr "$name")"
    ns_exists "$ns" || ip netns add "$ns"
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
      ip -n "$NET_NS" link del "v-$name" >/dev/null 2>&1 || true
      ip link add eth0 netns "$ns" type veth peer name "v-$name" netns "$NET_NS"
    fi
    ip -n "$NET_NS" link set "v-$name" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" -4 addr show dev eth0 | grep -q "inet $addr/$SUBNET_PREFIX " \
      || ip -n "$ns" addr add "$addr/$SUBNET_PREFIX" dev eth0
    mkdir -p "/etc/netns/$ns"
    printf '%s\n' "$hosts" > "/etc/netns/$ns/hosts"
    if ! findmnt -n "$(uts_file "$name")" >/dev/null 2>&1; then
      touch "$(uts_file "$name")"
      unshare --uts="$(uts_file "$name")" hostname "$name"
    fi
  done
  log "up: $(node_names | tr '\n' ' ')on $BRIDGE in $NET_NS"
}

down() {
  need_root
  local name ns
  # Only the nodes `up` recorded (or the ones given): other namespaces sharing the prefix are not ours.
  for name in $(node_names) net; do
    ns="$PREFIX-$name"
    if ns_exists "$ns"; then ip netns del "$ns"; fi
    rm -rf "/etc/netns/$ns"
  done
  if [ -d "$STATE/uts" ]; then
    for f in "$STATE"/uts/*; do
      [ -e "$f" ] || continue
      findmnt -n "$f" >/dev/null 2>&1 && umount "$f"
      rm -f "$f"
    done
  fi
  rm -rf "$STATE"
  rmdir /run/hpcha-testbed /etc/netns 2>/dev/null || true
  log "down: $PREFIX"
}

status() {
  local name ns present=0 missing=0
  if ns_exists "$NET_NS" && ip -n "$NET_NS" link show "$BRIDGE" >/dev/null 2>&1; then
    present=$((present + 1)); echo "$NET_NS: bridge $BRIDGE up"
  else
    missing=$((missing + 1)); echo "$NET_NS: missing"
  fi
  for name in $(node_names); do
    ns="$(node_ns "$name")"
    if ns_exists "$ns" && ip -n "$ns" -4 addr show dev eth0 2>/dev/null | grep -q "inet $(node_addr "$name")/"; then
      present=$((present + 1))
      echo "$ns: hostname $(nsenter --uts="$(uts_file "$name")" hostname 2>/dev/null || echo '?'), $(ip -n "$ns" -br -4 addr show dev eth0 | awk '{$1=$1; print}')"
    else
      missing=$((missing + 1)); echo "$ns: missing"
    fi
  done
  if [ "$missing" = 0 ]; then return 0; elif [ "$present" = 0 ]; then return 3; else return 1; fi
}

run_in() {
  local name="${1:-}"; shift || true
  [ -n "$(node_addr "$name")" ] || die "unknown node '$name' (nodes: $(node_names | tr '\n' ' '))"
  [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || die "exec: no command"
  exec ip netns exec "$(node_ns "$name")" nsenter --uts="$(uts_file "$name")" -- "$@"
}

case "$CMD" in
  up) up ;;
  down) down ;;
  status) status ;;
  nodes) node_names ;;
  ns) [ -n "$(node_addr "${1:-}")" ] || die "unknown node '${1:-}'"; node_ns "$1" ;;
  exec) run_in "$@" ;;
  *) die "usage: $0 [--prefix P] [--node NAME=ADDRESS]... up|down|status|nodes|ns NODE|exec NODE -- CMD..." ;;
esac
