#!/usr/bin/env bash
# Write requirements.lock: the exact version of every Python package installed in .venv, so
# that `make setup` (and so CI) installs the same versions everywhere and an audit elsewhere
# checks what we actually run. Run it (`make lock`) after changing a package in .venv and
# passing `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

python_version=$(.venv/bin/python -c 'import platform; print(platform.python_version())')
{
  echo "# Exact versions of every Python package in the working .venv (Python ${python_version})."
  echo "# make setup installs with these as constraints: pip install -c requirements.lock ..."
  echo "# Regenerate from .venv with: make lock"
  echo "# Audit it on a machine that can reach a vulnerability database:"
  echo "#   pip-audit --disable-pip -r requirements.lock"
  # setuptools is left out: .venv's copy is the one venv ships, not used to build anything
  # (pip builds this project with its own isolated setuptools, as pyproject.toml asks).
  .venv/bin/pip freeze --exclude-editable --all | grep -v -i '^setuptools==' | LC_ALL=C sort -f
} > requirements.lock
echo "Wrote requirements.lock ($(grep -c '==' requirements.lock) packages)."
