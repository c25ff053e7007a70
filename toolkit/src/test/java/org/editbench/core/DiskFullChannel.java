package org.editbench.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file channel on a disk that fills up: it writes what fits of the first write that reaches
 * {@code capacity} bytes written through it (a torn line, as a real full disk leaves), then fails
 * every write with "No space left on device".
 */
final class DiskFullChannel extends FileChannel {
  private final FileChannel file;
  private long room;

  private DiskFullChannel(FileChannel file, long capacity) {
    this.file = file;
    this.room = capacity;
  }

  /** What {@link JsonlAppender} opens, with room for {@code capacity} more bytes. */
  static JsonlAppender.ChannelOpener withRoomFor(long capacity) {
    return path ->
        new DiskFullChannel(
            FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND),
            capacity);
  }

  static JsonlAppender open(Path file, long capacity) {
    return JsonlAppender.open(
        file,
        JsonlAppender.Options.DEFAULT,
        org.editbench.core.Reporter.SILENT,
        withRoomFor(capacity));
  }

  private IOException full() {
    return new IOException("No space left on device");
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (room <= 0) {
      throw full();
    }
    long written = 0;
    for (int i = offset; i < offset + length && room > 0; i++) {
      ByteBuffer src = srcs[i];
      int n = (int) Math.min(src.remaining(), room);
      ByteBuffer part = src.slice().limit(n);
      int done = file.write(part);
      src.position(src.position() + done);
      room -= done;
      written += done;
    }
    return written;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return (int) write(new ByteBuffer[] {src}, 0, 1);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    file.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    file.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
