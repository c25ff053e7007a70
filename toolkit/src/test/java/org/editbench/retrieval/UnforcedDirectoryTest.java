package org.editbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.junit.jupiter.api.Test;

class UnforcedDirectoryTest {
  /** A directory that fails any attempt to force its files to disk. */
  private static final class NoSyncAllowed extends FilterDirectory {
    NoSyncAllowed() {
      super(new ByteBuffersDirectory());
    }

    @Override
    public void sync(Collection<String> names) {
      throw new AssertionError("sync " + names);
    }

    @Override
    public void syncMetaData() {
      throw new AssertionError("syncMetaData");
    }
  }

  @Test
  void aCommitThroughItForcesNothingAndReadsBackWhole() throws Exception {
    try (NoSyncAllowed files = new NoSyncAllowed()) {
      try (IndexWriter writer =
          new IndexWriter(
              new UnforcedDirectory(files),
              new IndexWriterConfig(new StandardAnalyzer()).setCommitOnClose(false))) {
        Document document = new Document();
        document.add(new TextField("body", "def f(x): return x", Field.Store.NO));
        writer.addDocument(document);
        writer.setLiveCommitData(Map.of("k", "v").entrySet());
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(files)) {
        assertEquals(1, reader.numDocs());
        assertEquals("v", reader.getIndexCommit().getUserData().get("k"));
        reader.leaves().forEach(leaf -> assertChecksumsHold(leaf.reader()));
      }
    }
  }

  private static void assertChecksumsHold(LeafReader reader) {
    try {
      reader.checkIntegrity();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
