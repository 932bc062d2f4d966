package cn.changai.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders killed runs leave in the temporary folder go; a running process's and others' stay. */
class ScratchTest {

  @TempDir Path tmp;

  @Test
  void theFolderOfAnEndedProcessGoesAndEveryOtherStays() throws Exception {
    // Ended (its lock free): Spark's block manager files and a link out of it.
    Path ended = Files.createDirectories(tmp.resolve("changai-999999/blockmgr-1/0c"));
    Files.writeString(ended.resolve("shuffle_0_0_0.data"), "x");
    Files.createFile(tmp.resolve("changai-999999/.held"));
    Path outside = Files.writeString(tmp.resolve("keep.txt"), "mine");
    Files.createSymbolicLink(tmp.resolve("changai-999999/link"), outside);
    // Running: its lock held (here by this JVM, as another process would hold it).
    Path running = Files.createDirectories(tmp.resolve("changai-1000"));
    // Not ours: no .held, or another name.
    Path unmarked = Files.createDirectories(tmp.resolve("changai-1001"));
    Path other = Files.createDirectories(tmp.resolve("changai-x"));
    Files.createFile(other.resolve(".held"));

    try (FileChannel lock = FileChannel.open(running.resolve(".held"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      lock.lock();
      Scratch.sweep(tmp, tmp.resolve("changai-1"));
      assertThat(tmp.resolve("changai-999999")).doesNotExist();
      assertThat(running).isDirectory();
    }
    assertThat(Files.readString(outside)).isEqualTo("mine");
    assertThat(unmarked).isDirectory();
    assertThat(other).isDirectory();
    // An older build's empty POI folder goes once a day old; a fresh one, or one with files, stays.
    Path oldPoi = Files.createDirectories(tmp.resolve("changai-poi-1"));
    Path newPoi = Files.createDirectories(tmp.resolve("changai-poi-2"));
    Path fullPoi = Files.createDirectories(tmp.resolve("changai-poi-3"));
    Files.writeString(fullPoi.resolve("poi-sxssf-sheet.xml"), "x");
    java.nio.file.attribute.FileTime twoDaysAgo = java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(2));
    Files.setLastModifiedTime(oldPoi, twoDaysAgo);
    Files.setLastModifiedTime(fullPoi, twoDaysAgo);
    // So do Spark's empty artifact folder and lz4-java's library copy that a kill -9 leaves.
    Path oldArtifacts = Files.createDirectories(tmp.resolve("artifacts-0b13f545-b898-4237-8396-c56b7139ea53"));
    Path oldLz4 = Files.writeString(tmp.resolve("liblz4-java-123.so"), "elf");
    Path oldLock = Files.writeString(tmp.resolve("liblz4-java-123.so.lck"), "");
    Path newLz4 = Files.writeString(tmp.resolve("liblz4-java-456.so"), "elf");
    // Not theirs though named alike: a file, a folder of another name, a folder with files.
    Path backup = Files.writeString(tmp.resolve("artifacts-backup.tar.gz"), "data");
    Path named = Files.createDirectories(tmp.resolve("artifacts-mine"));
    Path kept = Files.createDirectories(tmp.resolve("artifacts-1ea872d6-1673-4695-a9b9-b2fb51da414d"));
    Files.writeString(kept.resolve("app.jar"), "x");
    Path lz4Folder = Files.createDirectories(tmp.resolve("liblz4-java-789.so"));
    for (Path old : List.of(oldArtifacts, oldLz4, oldLock, backup, named, kept, lz4Folder)) {
      Files.setLastModifiedTime(old, twoDaysAgo);
    }
    Scratch.sweep(tmp, tmp.resolve("changai-1"));
    assertThat(oldPoi).doesNotExist();
    assertThat(newPoi).isDirectory();
    assertThat(fullPoi).isDirectory();
    assertThat(oldArtifacts).doesNotExist();
    assertThat(oldLz4).doesNotExist();
    assertThat(oldLock).doesNotExist();
    assertThat(newLz4).exists();
    for (Path stays : List.of(backup, named, kept, lz4Folder)) {
      assertThat(stays).exists();
    }
    // Once its process has ended (the lock released), the next sweep takes it too.
    Scratch.sweep(tmp, tmp.resolve("changai-1"));
    assertThat(running).doesNotExist();
  }
}
