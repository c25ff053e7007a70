#!/usr/bin/env bash
# Makes toolkit/target/editbench.jsa, the class-data archive ./editbench starts its JVM with (the
# build runs this after packaging the jar, see toolkit/pom.xml). A training run of the usual
# commands on the sample bench (ClassDataTraining) ends with the JVM storing every class it loaded,
# already parsed and verified; later JVMs map them from the archive instead of loading them from the
# jar. java-options.sh uses the archive only while it is newer than the jar and was made by the java
# it runs: an archive is valid for one jar and one JVM only.
set -euo pipefail
toolkit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
archive="$toolkit/target/editbench.jsa"
work="$toolkit/target/class-data-training"
rm -rf "$archive" "$archive.java-home" "$work"
if ! command -v java >/dev/null; then
  echo "class-data archive: no java on PATH, whose JVM ./editbench would run, so none is made" >&2
  exit 0
fi
source "$toolkit/java-options.sh"
# Dumping warns about every class it cannot store (picocli's are in the pre-Java-6 class format):
# expected, and only errors are worth showing.
# The run takes seconds. It is bounded all the same: the archive only saves start-up time, so a run
# that does not end must not hold up the build. At the limit the JVM is asked for its threads' stacks
# (SIGQUIT, printed into the build log, to show where it stood), killed up to 30 s later, and the
# build goes on without an archive.
limit="${EDITBENCH_TRAINING_TIMEOUT:-300}"
grace=$(( limit < 30 ? limit : 30 ))
status=0
timeout --signal=QUIT --kill-after="$grace" "$limit" \
  java "${java_options[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=error -Xlog:cds+dynamic=error \
  -cp "$toolkit/target/editbench.jar" org.editbench.cli.ClassDataTraining "$toolkit/.." "$work" \
  </dev/null || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  rm -rf "$archive" "$work"
  echo "class-data archive: WARNING: the training run did not end within $limit s (its threads' stacks are" \
    "above, if the JVM could print them); no archive was made, so ./editbench starts without one." \
    "Please report this with the build log." >&2
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo "$java_home" > "$archive.java-home"
rm -rf "$work"
