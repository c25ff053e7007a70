#!/usr/bin/env bash
# Run by the build (toolkit/pom.xml, profile no-full-corpus) when the shared corpus was not found:
# one line saying the full-corpus tests were left out and how to run them. With "true" as $1
# (.ci/run passes -Deditbench.requireFullCorpus=true) the build fails instead.
where="../shared/realistic-editbench beside the repository"
if [ -n "${EDITBENCH_SHARED:-}" ]; then
  where="$EDITBENCH_SHARED/realistic-editbench nor $where"
fi
if [ "${1:-false}" = true ]; then
  echo "editbench: the full-corpus tests must run, but there is no $where" >&2
  exit 1
fi
echo "editbench: full-corpus tests not run (no $where); set EDITBENCH_SHARED to the folder that holds realistic-editbench to run them"
