#!/usr/bin/env bash
# The fuzz smoke run of the test suite: builds the harnesses with clang in
# their own folder and runs each for FUZZ_SECONDS (default 60). A finding
# fails the run; its input is kept in the folder libFuzzer names. Every run
# starts from the seeds alone: the corpus and findings of an earlier run are
# removed first, so no run's outcome depends on what an earlier one left.
#   tests/fuzz/smoke.sh SOURCE_DIR BUILD_DIR SHARED_DIR
set -euo pipefail
src="$1"
build="$2"
shared="$3"
seconds="${FUZZ_SECONDS:-60}"

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$src")}"
fi
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
  -DCMAKE_CXX_COMPILER=clang++ -DRESTAGE_FUZZ=ON -DRESTAGE_BUILD_TESTS=OFF >/dev/null
# The build's lines would push a finding out of a shortened CI log.
if ! cmake --build "$build" -j "${JOBS:-2}" --target fuzz_parse fuzz_shell fuzz_migrate \
    fuzz_suggest fuzz_compose fuzz_source fuzz_repo_files >"$build/build.log" 2>&1; then
  tail -60 "$build/build.log" >&2
  exit 1
fi

rm -rf "$build/corpus" "$build/findings"
seeds=()
for d in "$shared/corpus" "$shared/reliability"; do
  [ -d "$d" ] && seeds+=("$d")
done
status=0
for harness in parse shell migrate suggest compose source repo_files; do
  corpus="$build/corpus/$harness"
  # Each harness its words; compose, source and repo_files their own seeds (YAML, Go and JS,
  # repository files; not Dockerfiles).
  dict="$src/tests/fuzz/dockerfile.dict"
  harness_seeds=("${seeds[@]}")
  if [ "$harness" = compose ]; then
    dict="$src/tests/fuzz/compose.dict"
    harness_seeds=("$src/tests/fuzz/compose-seeds")
  elif [ "$harness" = source ]; then
    dict="$src/tests/fuzz/source.dict"
    # Its own seeds, and the end-to-end apps' real Go and JavaScript.
    harness_seeds=("$src/tests/fuzz/source-seeds" "$src/tests/e2e/apps")
  elif [ "$harness" = repo_files ]; then
    dict="$src/tests/fuzz/repo_files.dict"
    harness_seeds=("$src/tests/fuzz/repo-files-seeds")
  fi
  mkdir -p "$corpus" "$build/findings"
  echo "== fuzz_$harness: ${seconds}s" >&2
  if ! (cd "$build/findings" && "$build/fuzz_$harness" -max_total_time="$seconds" -max_len=4096 \
        -timeout=10 -rss_limit_mb=2048 -dict="$dict" \
        -print_final_stats=1 "$corpus" "${harness_seeds[@]}" 2>"$build/fuzz_$harness.log"); then
    # The finding first: CI keeps only the head and tail of long output.
    echo "fuzz_$harness found a problem:" >&2
    grep -E "property violated|==ERROR|SUMMARY|Test unit written|ALARM|out-of-memory|deadly signal" \
      "$build/fuzz_$harness.log" | head -20 >&2 || true
    for unit in "$build"/findings/crash-* "$build"/findings/timeout-* "$build"/findings/oom-*; do
      [ -f "$unit" ] || continue
      echo "-- $unit (base64):" >&2
      head -c 4097 "$unit" | base64 -w 100 >&2
    done
    tail -40 "$build/fuzz_$harness.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz_$harness.log" >&2 || true
  fi
done
exit $status
