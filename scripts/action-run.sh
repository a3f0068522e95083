#!/usr/bin/env bash
# The "Run mtlint" step of action.yml: runs `mtlint check $MTLINT_ARGS --format github`
# (annotations on stdout), with `-o mtlint.sarif` when MTLINT_SARIF is "true", and records
# the exit code in $GITHUB_OUTPUT as `exit-code` instead of failing, so that the SARIF upload
# still runs; the action's last step fails the job.
#
# Environment: MTLINT_ARGS (required; split on white space), MTLINT_FAIL_ON (default error),
# MTLINT_BASELINE (optional), MTLINT_SARIF (default true), GITHUB_OUTPUT (set by Actions).
set -uo pipefail
: "${MTLINT_ARGS:?set the action input args}"
: "${GITHUB_OUTPUT:=/dev/null}"
read -r -a args <<< "$MTLINT_ARGS"
args+=(--format github --fail-on "${MTLINT_FAIL_ON:-error}")
if [ -n "${MTLINT_BASELINE:-}" ]; then
  args+=(--baseline "$MTLINT_BASELINE")
fi
if [ "${MTLINT_SARIF:-true}" = "true" ]; then
  args+=(-o mtlint.sarif)
fi
mtlint check "${args[@]}"
code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ "$code" -ge 2 ]; then
  echo "::error title=mtlint::mtlint stopped with exit code $code (usage or input error)"
fi
exit 0
