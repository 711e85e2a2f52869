#!/bin/bash
# Issue 9's check that the refactor b8cfcdf..668c67d left sync latency alone, measured so that load cannot
# decide it: both builds' tabs open in ONE Chromium, their actions interleaved block by block (as the sync
# section interleaves the app with its baselines), driven by one harness (668c67d's, with
# refactor-ab.patch: one server per build, one app system per build, raw samples to /tmp/ab-<time>.json).
# Separate full runs per side, taken in turns, had shown a queue-add step of +1.6 ms; measured this way,
# there is none (README, Performance). Usage: bash bench/investigations/refactor-ab.sh [runs]
set -euo pipefail
ROOT=$(git rev-parse --show-toplevel)
RUNS=${1:-3}
APP=node_modules/.cache/mediastream-bench/app
for commit in b8cfcdf 668c67d; do
  dir=/tmp/refactor-ab-$commit
  [ -d "$dir" ] || git -C "$ROOT" worktree add --detach "$dir" "$commit"
  [ -d "$dir/node_modules" ] || (cd "$dir" && npm ci --silent)
done
# The before side's build: the bench builds it, and one short sync run proves it plays.
(cd /tmp/refactor-ab-b8cfcdf && npm run --silent bench -- --only=sync --quick > /dev/null)
cd /tmp/refactor-ab-668c67d
git apply --check "$ROOT/bench/investigations/refactor-ab.patch" 2>/dev/null && git apply "$ROOT/bench/investigations/refactor-ab.patch"
export AB_DIRS="b8cfcdf=/tmp/refactor-ab-b8cfcdf/$APP,668c67d=/tmp/refactor-ab-668c67d/$APP"
for _ in $(seq "$RUNS"); do npm run --silent bench -- --only=sync > /dev/null; done
node "$ROOT/bench/investigations/refactor-ab-summary.mjs"
