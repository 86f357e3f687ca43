#!/usr/bin/env bash
# Soak run of the kill test: SIGKILLs the real bot PAPERBOT_KILL_ROUNDS times per platform (default
# 500 each for Discord and Slack) while it delivers, then checks that every paper reached every
# channel exactly once. Takes roughly 2.5-3 s per round on 2 cores (about 45 minutes at 500).
# Usage: scripts/soak-kill.sh [rounds] [seed]     (or set PAPERBOT_KILL_ROUNDS / PAPERBOT_KILL_SEED)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-${PAPERBOT_KILL_ROUNDS:-500}}"
seed="${2:-${PAPERBOT_KILL_SEED:-$RANDOM$RANDOM}}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ && "$seed" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/soak-kill.sh [rounds] [seed]  (positive whole numbers)" >&2
  exit 2
fi
echo "soak-kill: ${rounds} kills per platform, seed ${seed} (rerun with the same seed to replay the kill points)"
npm run build --silent
PAPERBOT_KILL_ROUNDS="$rounds" PAPERBOT_KILL_SEED="$seed" npx vitest run test/integration/kill.test.ts
