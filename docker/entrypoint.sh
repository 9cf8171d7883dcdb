#!/bin/sh
# The container's entrypoint: runs the rampart CLI with Node's heap sized from
# the container's memory limit. Node's own default is a share of the memory it
# sees with a floor of about 256 MiB: well below a large task's limit, so a big
# scan runs out of heap with memory to spare, and close to a small task's whole
# limit, so the kernel kills it before V8 collects garbage. 75 % of the limit
# leaves the rest to buffers, code and the SDK. NODE_OPTIONS that already set
# the heap size win.
set -eu

# Where the cgroup files are read from (a test points it at fake files).
cgroup_root=${RAMPART_CGROUP_ROOT:-/sys/fs/cgroup}
heap_percent=75

# Prints the memory limit in bytes (cgroup v2, then v1); prints nothing when there is none.
memory_limit() {
  for file in "$cgroup_root/memory.max" "$cgroup_root/memory/memory.limit_in_bytes"; do
    [ -r "$file" ] || continue
    value=$(cat "$file")
    case $value in
      '' | *[!0-9]*) return 0 ;; # "max": no limit
    esac
    # cgroup v1 says "no limit" with a number close to 2^63; no container has a petabyte.
    [ ${#value} -le 15 ] && printf '%s\n' "$value"
    return 0
  done
  return 0
}

case " ${NODE_OPTIONS:-} " in
  *' --max-old-space-size'* | *' --max_old_space_size'*) ;;
  *)
    limit=$(memory_limit)
    if [ -n "$limit" ]; then
      heap_mib=$((limit * heap_percent / 100 / 1048576))
      if [ "$heap_mib" -gt 0 ]; then
        NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=$heap_mib"
        export NODE_OPTIONS
      fi
    fi
    ;;
esac

# --optimize-for-size: a scheduled scan is memory-bound, not CPU-bound. V8 then grows the
# heap less eagerly before collecting garbage: measured on the 2x benchmark, peak RSS 183-206
# MiB instead of 296-322 MiB, for about 8 % more CPU time (npm run bench runs its scans
# with the same flags: scripts/bench-common.ts).
exec node --optimize-for-size "$(dirname "$0")/../dist/src/cli/bin.js" "$@"
