#!/usr/bin/env bash
# Autogenerate a migration against a scratch SQLite database at head, numbered after the
# last one: scripts/new-migration.sh "what changed"
set -euo pipefail
cd "$(dirname "$0")/.."
message=${1:?say what changed}
scratch=$(mktemp -d)
export ENGAGE_ENV=development DATABASE_URL="sqlite:///$scratch/head.sqlite"
last=$(ls migrations/versions | grep -E '^[0-9]{4}_' | sort | tail -1 | cut -c1-4)
next=$(printf "%04d" $((10#$last + 1)))
.venv/bin/flask --app engage db upgrade >/dev/null
.venv/bin/flask --app engage db migrate -m "$message" --rev-id "$next" >/dev/null
generated=$(ls migrations/versions/${next}_*.py)
echo "Wrote $generated: review it, then run the migration tests."
rm -rf "$scratch"
