#!/usr/bin/env bash
# Robustness checks of issue 8 that a plain `cargo test` leaves out (its
# torture, escaping and interrupt tests run there): the 50 MB inputs in
# release, and a short fuzz run of each target to catch panics on new code.
#
# Idempotent; installs cargo-fuzz if missing.
#   FUZZ_SECONDS     each target's fuzzing time (default 60; 0 skips fuzzing)
#   FUZZ_BUILD_FLAGS how cargo fuzz builds (default: its own, release with
#                    AddressSanitizer; .ci/run asks for `--dev --sanitizer none`,
#                    which builds in a third of the time: the crate's unsafe
#                    code is not on the fuzzed paths, and a short run needs the
#                    build more than the speed)
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
read -r -a build_flags <<<"${FUZZ_BUILD_FLAGS:-}"

echo "== 50 MB single lines (release; ignored in debug as too slow)"
cargo test --release --test torture a_50_mb_single_line -- --ignored

if [ "$FUZZ_SECONDS" != "0" ]; then
    if ! cargo fuzz --version >/dev/null 2>&1; then
        cargo install cargo-fuzz --locked
    fi
    # cargo-fuzz needs nightly flags; the stable toolchain allows them with this.
    export RUSTC_BOOTSTRAP=1
    targets=(one_file detect)
    for target in "${targets[@]}"; do
        mkdir -p "fuzz/corpus/$target"
        # Seed with the sample articles (one_file: first byte picks .txt/.md).
        for f in seeds/*; do
            b=$(basename "$f")
            [ -e "fuzz/corpus/$target/$b" ] && continue
            if [ "$target" = one_file ]; then
                { printf '\000'; cat "$f"; } > "fuzz/corpus/$target/$b"
            else
                cp "$f" "fuzz/corpus/$target/$b"
            fi
        done
    done
    echo "== fuzz build"
    cargo fuzz build "${build_flags[@]}"
    # One core each: the targets run side by side.
    echo "== fuzz ${targets[*]} for ${FUZZ_SECONDS}s, side by side"
    pids=()
    for target in "${targets[@]}"; do
        cargo fuzz run "${build_flags[@]}" "$target" -- \
            -max_total_time="$FUZZ_SECONDS" -max_len=4096 -rss_limit_mb=2048 \
            >"fuzz/$target.log" 2>&1 &
        pids+=($!)
    done
    status=0
    for i in "${!targets[@]}"; do
        if wait "${pids[$i]}"; then
            grep -m1 DONE "fuzz/${targets[$i]}.log" || true
        else
            echo "fuzz ${targets[$i]} failed:"
            tail -n 40 "fuzz/${targets[$i]}.log"
            status=1
        fi
    done
    [ "$status" = 0 ] || exit 1
    # Inputs that once crashed stay fixed.
    if compgen -G "fuzz/regressions/*" >/dev/null; then
        for f in fuzz/regressions/*; do
            case "$(basename "$f")" in
                detect-*) cargo fuzz run "${build_flags[@]}" detect "$f" ;;
                *) cargo fuzz run "${build_flags[@]}" one_file "$f" ;;
            esac
        done
    fi
fi
echo "robust.sh: all checks passed"
