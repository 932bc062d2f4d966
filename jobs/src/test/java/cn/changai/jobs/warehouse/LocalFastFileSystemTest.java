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
    }
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
}
