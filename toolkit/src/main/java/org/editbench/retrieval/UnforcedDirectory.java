package org.editbench.retrieval;

import java.util.Collection;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;

/**
 * A Lucene directory whose commit does not force its files to disk. An index in the cache is, like
 * the files beside it ({@link CacheFiles}), checked whole when opened — every file's checksum and
 * its identity — and built again when it fails, and it is published by renaming its directory once
 * the writer has closed: forcing its files to disk would only guard against the machine itself
 * crashing between the build and the next run, and a cold run would wait for a dozen syncs on the
 * commit's path (about 20 ms here).
 */
final class UnforcedDirectory extends FilterDirectory {
  UnforcedDirectory(Directory in) {
    super(in);
  }

  @Override
  public void sync(Collection<String> names) {
    // see the class comment: checked when opened, rebuilt when damaged
  }

  @Override
  public void syncMetaData() {
    // likewise for the directory entry of the commit's segments file
  }
}
