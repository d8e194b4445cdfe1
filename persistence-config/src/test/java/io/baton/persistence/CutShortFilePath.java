package io.baton.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ("cutshort:" before the path) that plays a process killed in the middle of
 * writing a chunk over space inside the database file, where a dead chunk was: the write that can
 * destroy what recovery needs. That write keeps only its first pages, prints "cut ..." and halts
 * the JVM (no shutdown hooks, no flush, no close), as SIGKILL does to a write in progress: the
 * kernel stops copying a killed writer's buffer at a page boundary.
 *
 * <p>Which write: after {@code warmUp} chunk writes inside the file, either the next one, or the
 * next one over the chunk the file header points to (recovery starts from that chunk). H2 with
 * Baton's guard may never write over that chunk, so after {@link #HEADER_WAIT} more writes
 * without one, the next write inside the file is cut instead; the printed line says which.
 */
public final class CutShortFilePath extends FilePathWrapper {
  static final String SCHEME = "cutshort";
  private static final int PAGE = 4096;
  static final long HEADER_WAIT = 500;
  private static final AtomicLong chunkWrites = new AtomicLong();
  private static volatile long warmUp = Long.MAX_VALUE;
  private static volatile boolean overHeaderChunkOnly;

  /** Public and without arguments: H2 makes one per path by reflection. */
  public CutShortFilePath() {}

  /** Registers the scheme and says which write to cut short (see the class comment). */
  static void register(long warmUp, boolean overHeaderChunkOnly) {
    CutShortFilePath.warmUp = warmUp;
    CutShortFilePath.overHeaderChunkOnly = overHeaderChunkOnly;
    FilePath.register(new CutShortFilePath());
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return new CuttingChannel(super.open(mode), name.endsWith(".mv.db"));
  }

  private static final class CuttingChannel extends FileBase {
    private final FileChannel file;
    private final boolean database;

    CuttingChannel(FileChannel file, boolean database) {
      this.file = file;
      this.database = database;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      // the two header blocks are written at 0; everything else of two pages or more is a chunk
      if (database && position > 0 && src.remaining() >= 2 * PAGE
          && position + src.remaining() <= file.size()
          && chunkWrites.incrementAndGet() > warmUp) {
        boolean overHeaderChunk = covers(position, src.remaining(), headerChunkStart());
        if (overHeaderChunkOnly && !overHeaderChunk && chunkWrites.get() <= warmUp + HEADER_WAIT) {
          return file.write(src, position);
        }
        int length = src.remaining();
        int kept = PAGE * ThreadLocalRandom.current().nextInt(1, length / PAGE);
        ByteBuffer head = src.duplicate();
        head.limit(head.position() + kept);
        while (head.hasRemaining()) {
          file.write(head, position + head.position() - src.position());
        }
        System.out.println("cut chunk write " + chunkWrites.get() + " at " + position
            + (overHeaderChunk ? " (over the header's chunk)" : "") + ": " + kept + " of " + length
            + " bytes written");
        System.out.flush();
        Runtime.getRuntime().halt(137);
      }
      return file.write(src, position);
    }

    private static boolean covers(long position, int length, long offset) {
      return position <= offset && offset < position + length;
    }

    /** Where the chunk named in the file header ("block:" in pages, hex) starts, or -1. */
    private long headerChunkStart() throws IOException {
      ByteBuffer header = ByteBuffer.allocate(PAGE);
      file.read(header, 0);
      String text = new String(header.array(), 0, header.position(), StandardCharsets.ISO_8859_1);
      for (String field : text.substring(0, Math.max(0, text.indexOf('\n'))).split(",")) {
        if (field.startsWith("block:")) {
          return Long.parseLong(field.substring("block:".length()), 16) * PAGE;
        }
      }
      return -1;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return file.write(src);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
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
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
