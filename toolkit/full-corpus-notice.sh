#!/usr/bin/env bash
# Run by the build (toolkit/pom.xml, profile no-full-corpus) when the shared corpus was not found:
# one line saying the full-corpus tests were left out and how to run them. With "true" as $1
# (.ci/run passes -Deditbench.requireFullCorpus=true) the build fails instead. $2 and $3 are
# skipTests and maven.test.skip: when either is true no test ran, and there is nothing to say.
if [ "${2:-}" = true ] || [ "${3:-}" = true ]; then
  exit 0
fi
where="../shared/realistic-editbench beside the repository"
if [ -n "${EDITBENCH_SHARED:-}" ]; then
  where="$EDITBENCH_SHARED/realistic-editbench nor $where"
fi
if [ "${1:-false}" = true ]; then
  echo "editbench: the full-corpus tests must run, but there is no $where" >&2
  exit 1
fi
echo "editbench: full-corpus tests not run (no $where); set EDITBENCH_SHARED to the folder that holds realistic-editbench to run them"
