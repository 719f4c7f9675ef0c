#!/usr/bin/env bash
# Robustness checks of issue 8: the torture, escaping and interrupt tests
# (also part of a plain `cargo test`), the slow ignored ones in release, and
# a short fuzz run of each target to catch panics on new code.
#
# Idempotent; installs cargo-fuzz if missing. FUZZ_SECONDS (default 60)
# sets each target's fuzzing time; 0 skips fuzzing.
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"

echo "== torture, escaping, interrupt (debug)"
cargo test --test torture --test escaping --test interrupt

echo "== 50 MB single lines (release; ignored in debug as too slow)"
cargo test --release --test torture a_50_mb_single_line -- --ignored

if [ "$FUZZ_SECONDS" != "0" ]; then
    if ! cargo fuzz --version >/dev/null 2>&1; then
        cargo install cargo-fuzz --locked
    fi
    # cargo-fuzz needs nightly flags; the stable toolchain allows them with this.
    export RUSTC_BOOTSTRAP=1
    for target in one_file detect; do
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
        echo "== fuzz $target for ${FUZZ_SECONDS}s"
        cargo fuzz run "$target" -- -max_total_time="$FUZZ_SECONDS" -max_len=4096 -rss_limit_mb=2048
    done
    # Inputs that once crashed stay fixed.
    if compgen -G "fuzz/regressions/*" >/dev/null; then
        for f in fuzz/regressions/*; do
            case "$(basename "$f")" in
                detect-*) cargo fuzz run detect "$f" ;;
                *) cargo fuzz run one_file "$f" ;;
            esac
        done
    fi
fi
echo "robust.sh: all checks passed"
