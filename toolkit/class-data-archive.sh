#!/usr/bin/env bash
# Makes toolkit/target/editbench.jsa, the class-data archive ./editbench starts its JVM with (the
# build runs this after packaging the jar, see toolkit/pom.xml). A training run of the usual
# commands on the sample bench (ClassDataTraining) lists every class it loads; the JVM then stores
# those classes and the JDK's own default list, already parsed and verified, in one static archive,
# which later JVMs map instead of loading the classes from the jar. Static rather than an archive
# dumped when the training ends (-XX:ArchiveClassesAtExit): Java 17 leaves classes in the pre-Java-6
# format out of that kind — picocli's, loaded and verified at every start, a quarter of
# `editbench --version`. java-options.sh uses the archive only while it is newer than the jar and
# was made by the java it runs: an archive is valid for one jar and one JVM only.
set -euo pipefail
toolkit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
archive="$toolkit/target/editbench.jsa"
work="$toolkit/target/class-data-training"
classes="$toolkit/target/editbench.classlist"
rm -rf "$archive" "$archive.java-home" "$work" "$classes"
if ! command -v java >/dev/null; then
  echo "class-data archive: no java on PATH, whose JVM ./editbench would run, so none is made" >&2
  exit 0
fi
source "$toolkit/java-options.sh"
# The run takes seconds. It is bounded all the same: the archive only saves start-up time, so a run
# that does not end must not hold up the build. At the limit the JVM is asked for its threads' stacks
# (SIGQUIT, printed into the build log, to show where it stood), killed up to 30 s later, and the
# build goes on without an archive.
limit="${EDITBENCH_TRAINING_TIMEOUT:-300}"
grace=$(( limit < 30 ? limit : 30 ))
status=0
timeout --signal=QUIT --kill-after="$grace" "$limit" \
  java "${java_options[@]}" -XX:DumpLoadedClassList="$classes" \
  -cp "$toolkit/target/editbench.jar" org.editbench.cli.ClassDataTraining "$toolkit/.." "$work" \
  </dev/null || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  rm -rf "$archive" "$work" "$classes"
  echo "class-data archive: WARNING: the training run did not end within $limit s (its threads' stacks are" \
    "above, if the JVM could print them); no archive was made, so ./editbench starts without one." \
    "Please report this with the build log." >&2
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
# The archive replaces the JDK's default one, so the JDK's default classes go in too: commands the
# training does not run still find the JDK's common classes archived. The dump warns about the few
# classes it cannot store (two of picocli's, which it links itself while dumping, and load from the
# jar at run time) and about how it lays out the archived heap, neither of which a user can act on:
# only errors are shown, of every kind.
if [ -f "$java_home/lib/classlist" ]; then
  cat "$java_home/lib/classlist" >> "$classes"
fi
# A dump that fails leaves no archive (and says why above): start-up is slower, nothing else.
if ! java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$archive" \
    -Xlog:all=error -cp "$toolkit/target/editbench.jar"; then
  rm -rf "$archive" "$work" "$classes"
  echo "class-data archive: WARNING: the JVM could not store the archive (see above); ./editbench" \
    "starts without one." >&2
  exit 0
fi
echo "$java_home" > "$archive.java-home"
rm -rf "$work" "$classes"
