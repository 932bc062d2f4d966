package cn.changai.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFastFileSystemTest {

  @Test
  void installedFilePathsGetTheChecksummedLocalFileSystemThatSetsPermissionsThroughNio(@TempDir java.nio.file.Path dir)
      throws Exception {
    LocalFastFileSystem.install();
    String umask = System.setProperty(LocalFastFileSystem.UMASK_PROPERTY, "022");
    // newInstance: the cache may hold a file system another test opened before the install.
    try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), new Configuration())) {
      assertThat(fs).isInstanceOf(LocalFastFileSystem.Local.class);
      // Hadoop's defaults, with its umask 022: folders rwxr-xr-x, files rw-r--r--.
      Path folder = new Path(dir.toUri().toString(), "a/b");
      assertThat(fs.mkdirs(folder)).isTrue();
      try (FSDataOutputStream out = fs.create(new Path(folder, "part-0.parquet"))) {
        out.write(new byte[] {1, 2, 3});
      }
      java.nio.file.Path file = dir.resolve("a/b/part-0.parquet");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwxr-xr-x");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
      assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
      // Still Hadoop's checksummed local file system, as file: is by default.
      assertThat(dir.resolve("a/b/.part-0.parquet.crc")).exists();
    } finally {
      restore(umask);
    }
  }

  @Test
  void foldersAndFilesAreMaskedByTheProcesssUmaskNotHadoopsOwn(@TempDir java.nio.file.Path dir) throws Exception {
    // A nightly run under umask 027 (its group may read, no one else): Hadoop masked with its own
    // 022 and made every table and report world-readable. 777 & ~027 = 750, 666 & ~027 = 640.
    LocalFastFileSystem.install();
    String umask = System.setProperty(LocalFastFileSystem.UMASK_PROPERTY, "027");
    try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), new Configuration())) {
      Path folder = new Path(dir.toUri().toString(), "tables/workers");
      assertThat(fs.mkdirs(folder)).isTrue();
      try (FSDataOutputStream out = fs.create(new Path(folder, "part-0.parquet"))) {
        out.write(1);
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tables/workers"))))
          .isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tables/workers/part-0.parquet"))))
          .isEqualTo("rw-r-----");
    } finally {
      restore(umask);
    }
  }

  @Test
  void theUmaskIsReadFromTheProcStatusLine() {
    assertThat(LocalFastFileSystem.umaskOf("Name:\tjava\nUmask:\t0027\nState:\tS (sleeping)\n")).isEqualTo("027");
    assertThat(LocalFastFileSystem.umaskOf("Umask:\t0002\n")).isEqualTo("002");
    assertThat(LocalFastFileSystem.umaskOf("Umask:\t0077")).isEqualTo("077");
    // Kernels before 4.7 have no such line: Hadoop's 022 stays.
    assertThat(LocalFastFileSystem.umaskOf("Name:\tjava\nState:\tS (sleeping)\n")).isNull();
  }

  @Test
  void aSettingOfTheUsersWinsOverTheInstalledDefault() throws Exception {
    LocalFastFileSystem.install();
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
    try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf)) {
      assertThat(fs.getClass()).isEqualTo(org.apache.hadoop.fs.RawLocalFileSystem.class);
    }
  }

  private static void restore(String umask) {
    if (umask == null) {
      System.clearProperty(LocalFastFileSystem.UMASK_PROPERTY);
    } else {
      System.setProperty(LocalFastFileSystem.UMASK_PROPERTY, umask);
    }
  }
}
