package org.editbench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test (class or method) that reads the whole shared corpus ({@link SharedCorpus#root()}).
 * The build runs these only when the corpus is found (the {@code full-corpus} profiles of
 * toolkit/pom.xml); elsewhere they are left out of the run, not skipped, and the build says so in
 * one line. The fixture tests, which read the corpus's excerpt in the repository, always run.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(FullCorpus.TAG)
public @interface FullCorpus {
  /** The JUnit tag toolkit/pom.xml includes or excludes. */
  String TAG = "full-corpus";
}
