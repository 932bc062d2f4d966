package cn.changai.jobs.spark;

import cn.changai.jobs.warehouse.LocalFastFileSystem;
import cn.changai.jobs.warehouse.SmallTableWriter;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Classes linked before any stage runs, so that what the JIT compiles in one stage is not thrown
 * away when a later stage first uses one of them.
 *
 * <p>Why: while a class has a single concrete subclass in use, compiled code may call that
 * subclass's methods directly, and linking a second one throws that code away, every method that
 * assumed it at once. In a nightly run ingest writes Parquet for minutes, and its writer's
 * compiled code assumed the one kind of {@link Binary} the writer makes; compute's reader then
 * made its first ByteBuffer-backed Binary and sixteen compiled writer methods were dropped, so
 * compute's own write ran uncompiled (docs/performance.md). The same held, on a smaller scale, for
 * the kinds below. Linking them first costs a few milliseconds; the compiled code then checks the
 * kind it meets instead of assuming it.
 */
final class EarlyClasses {

  /** Our own subclasses of library classes that ingest's compiled code meets only later. */
  private static final String[] OURS = {
      LocalFastFileSystem.class.getName() + "$NioPermissions",
      SmallTableWriter.class.getName() + "$OutStream",
  };

  private EarlyClasses() {}

  /** Links (and initializes) the classes; fails when one of ours is no longer where it was. */
  static void link() {
    Binary.fromConstantByteBuffer(ByteBuffer.allocate(1));
    BytesInput.from(new ByteArrayInputStream(new byte[1]), 1);
    Statistics.getBuilderForReading(Types.required(PrimitiveTypeName.DOUBLE).named("x"));
    Files.getFileAttributeView(Path.of("."), PosixFileAttributeView.class);
    for (String name : OURS) {
      try {
        Class.forName(name, true, EarlyClasses.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("EarlyClasses names " + name + ", which no longer exists", e);
      }
    }
  }
}
