#!/usr/bin/env bash
# Runs hpc-ha's benchmarks and writes BENCHMARKS.md-ready Markdown tables (stdout and a file).
#
#   scripts/bench.sh [--quick] [--no-am] [--skip-build] [--out DIR] [jmh] [scale] [latency]
#
# With no part named, runs all three:
#   jmh      JMH micro benchmarks with -prof gc: sinfo --json parse, Hostlist, RecoveryDecider (1 fork, 2x2 s warm-up,
#            3x2 s measurement: short but with JMH's confidence intervals)
#   scale    one recovery-agent pass over 1,000 / 10,000 / 50,000 nodes beside the naive agent
#   latency  detection latency on a real Slurm (scripts/slurm-testbed.sh --dir /tmp/hpcha-bench-slurm;
#            needs root, slurm-wlm and munge; skipped when another testbed holds its fixed ports)
# --quick      smaller sizes and fewer iterations, for trying the script (numbers not for publishing)
# --no-am      build only hpc-ha-bench, taking the other modules from the local repository (~/.m2)
# --skip-build reuse hpc-ha-bench/target/classes and target/classpath.txt
# --out DIR    where results go (default hpc-ha-bench/target/bench-results); DIR/results.md collects all
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0; AM=(-am); BUILD=1; OUT=hpc-ha-bench/target/bench-results; PARTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --no-am) AM=(); shift ;;
    --skip-build) BUILD=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    jmh|scale|latency) PARTS+=("$1"); shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#PARTS[@]} -gt 0 ] || PARTS=(jmh scale latency)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ "$BUILD" = 1 ]; then
  echo "bench: building hpc-ha-bench${AM:+ and the modules it needs}" >&2
  mvn -B -q -ntp -pl hpc-ha-bench "${AM[@]}" package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
CP="hpc-ha-bench/target/classes:$(cat hpc-ha-bench/target/classpath.txt)"
JAVA=(java -Xms2g -Xmx2g -Dlogback.configurationFile=logback-bench.xml -cp "$CP")

machine() {
  echo "- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB memory"
  echo "- $(java -version 2>&1 | head -1), $(uname -sr)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: numbers are noisy)"
  echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

RESULTS="$OUT/results.md"
{ echo "## Machine"; echo; machine; echo; } > "$RESULTS"

for part in "${PARTS[@]}"; do
  case "$part" in
    jmh)
      echo "bench: JMH" >&2
      if [ "$QUICK" = 1 ]; then
        SETTINGS=(-f 1 -wi 1 -w 1s -i 2 -r 1s -p nodes=1000,10000); DECIDER=(-p nodes=1000)
      else
        SETTINGS=(-f 1 -wi 2 -w 2s -i 3 -r 2s); DECIDER=(-p nodes=1000,10000,50000)
      fi
      "${JAVA[@]}" org.openjdk.jmh.Main "${SETTINGS[@]}" -jvmArgs "-Xms2g -Xmx2g -Dlogback.configurationFile=logback-bench.xml" \
          -prof gc -rf json -rff "$OUT/jmh-parse.json" 'SinfoParseBenchmark|HostlistBenchmark' > "$OUT/jmh-parse.txt"
      "${JAVA[@]}" org.openjdk.jmh.Main "${SETTINGS[@]}" "${DECIDER[@]}" -jvmArgs "-Xms2g -Xmx2g -Dlogback.configurationFile=logback-bench.xml" \
          -prof gc -rf json -rff "$OUT/jmh-decider.json" 'RecoveryDeciderBenchmark' > "$OUT/jmh-decider.txt"
      {
        echo "## JMH micro benchmarks"; echo
        "${JAVA[@]}" io.hpcha.bench.jmh.JmhTable "$OUT/jmh-parse.json"
        "${JAVA[@]}" io.hpcha.bench.jmh.JmhTable "$OUT/jmh-decider.json" | tail -n +3
        echo
      } >> "$RESULTS"
      ;;
    scale)
      echo "bench: scale scenario" >&2
      if [ "$QUICK" = 1 ]; then SIZES=1000,4000; PASSES=1; else SIZES=1000,10000,50000; PASSES=3; fi
      "${JAVA[@]}" io.hpcha.bench.scale.ScaleScenario --sizes "$SIZES" --passes "$PASSES" --large-passes 1 \
          --out "$OUT/scale.md" > /dev/null
      { echo "## Scale: one reconcile pass"; echo; cat "$OUT/scale.md"; echo; } >> "$RESULTS"
      ;;
    latency)
      echo "bench: detection latency" >&2
      if [ "$QUICK" = 1 ]; then TRIALS=1; else TRIALS=3; fi
      set +e
      "${JAVA[@]}" io.hpcha.bench.latency.DetectionLatency --script scripts/slurm-testbed.sh --dir /tmp/hpcha-bench-slurm \
          --intervals 1,5 --trials "$TRIALS" --out "$OUT/latency.md" > /dev/null
      rc=$?
      set -e
      if [ $rc = 0 ]; then
        { echo "## Detection latency"; echo; cat "$OUT/latency.md"; echo; } >> "$RESULTS"
      else
        { echo "## Detection latency"; echo; echo "not measured (exit $rc: see the messages above)"; echo; } >> "$RESULTS"
      fi
      ;;
  esac
done
cat "$RESULTS"
echo "bench: results in $RESULTS" >&2
