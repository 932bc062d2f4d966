package cn.changai.jobs.compute;

import cn.changai.indicators.KernelBlock;
import cn.changai.indicators.MeasureKernel;
import cn.changai.jobs.warehouse.Warehouse.TableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file of a table a row group at a time as {@link KernelBlock}s decoded straight
 * from its pages, for a {@link MeasureKernel}: a column is decoded only when the kernel asks for
 * it, and only as far as it asks (a null test reads the definition levels, never the values). True/false
 * values and definition levels are copied into the kernel's bitmaps 64 rows a word, dictionary
 * numbers are the strings' ids as they are, and plain numbers are read in bulk. Spark's reader,
 * which this replaces in local mode, fills a general column vector a value at a time, and its cold
 * code was a third of a nightly compute stage (docs/performance.md).
 *
 * <p>It reads what Spark writes by default: data pages of version 1 or 2, plain and dictionary
 * encodings, levels in Parquet's run-length/bit-packed hybrid. {@link #read} declines a file whose
 * footer shows column types it does not read, and throws {@link Undecodable} at a page in an
 * encoding it does not decode (the delta encodings of version-2 pages without a dictionary, say);
 * the caller then reads the file with Spark's reader.
 */
final class PageBlocks {

  private static final Set<PrimitiveTypeName> TYPES =
      Set.of(PrimitiveTypeName.BOOLEAN, PrimitiveTypeName.INT32, PrimitiveTypeName.INT64, PrimitiveTypeName.BINARY);

  private final Configuration conf;
  /** The kernel's columns; the first, the period, is the file's folder, not a column of the file. */
  private final List<String> columns;

  PageBlocks(Configuration conf, List<String> columns) {
    if (!columns.get(0).equals(MeasureKernel.PERIOD)) {
      throw new IllegalArgumentException("the kernel's first column is the period, not " + columns.get(0));
    }
    this.conf = conf;
    this.columns = List.copyOf(columns);
  }

  /**
   * Hands a block per row group of the file to {@code each}, in order, each valid only until the
   * next, and returns true; or returns false, having read nothing, when the footer shows a kernel
   * column this reader does not decode. It decodes a column of one value per row (or an array, of
   * which only whether it is null or empty is read) of a boolean, 32- or 64-bit integer or binary
   * type. Throws {@link Undecodable} at a page in an encoding other than plain or dictionary.
   */
  boolean read(TableFile file, Arena arena, Consumer<KernelBlock> each) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      if (unreadable(reader) != null) {
        return false;
      }
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      ColumnDescriptor[] leaves = new ColumnDescriptor[columns.size()];
      List<Type> fields = new ArrayList<>();
      for (int c = 1; c < columns.size(); c++) {
        fields.add(schema.getType(columns.get(c)));
        leaves[c] = leaf(schema, columns.get(c));
      }
      reader.setRequestedSchema(new MessageType(schema.getName(), fields));
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        long rows = rowGroup.getRowCount();
        if (rows > Integer.MAX_VALUE / 2) {
          throw new IOException("a row group of " + rows + " rows in " + file.status().getPath());
        }
        each.accept(new Block(file.period(), (int) rows, schema, leaves, rowGroup, arena));
      }
      return true;
    }
  }

  /** Why the reader cannot decode the file's kernel columns (for a test), or null when it can. */
  String unreadable(TableFile file) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      return unreadable(reader);
    }
  }

  private ParquetFileReader open(TableFile file) throws IOException {
    // Options of its own: their codec factory keeps one decompressor per codec, which two threads cannot share.
    return ParquetFileReader.open(HadoopInputFile.fromStatus(file.status(), conf), ParquetReadOptions.builder().build());
  }

  /** Why the reader cannot decode the file's kernel columns, or null when it can. */
  private String unreadable(ParquetFileReader reader) {
    MessageType schema = reader.getFooter().getFileMetaData().getSchema();
    for (int c = 1; c < columns.size(); c++) {
      String name = columns.get(c);
      if (!schema.containsField(name)) {
        return "no column " + name;
      }
      ColumnDescriptor leaf = leaf(schema, name);
      if (leaf == null) {
        return "column " + name + " is not a single value or a list of them";
      }
      if (!TYPES.contains(leaf.getPrimitiveType().getPrimitiveTypeName())) {
        return "column " + name + " is of type " + leaf.getPrimitiveType();
      }
    }
    // Encodings are checked page by page, as values are decoded: a column whose values are never
    // read (a test of null only) may hold any.
    return null;
  }

  /**
   * The one leaf under a top-level field, or null when there are several. A list's leaf has a
   * repetition level; only its definition levels are read.
   */
  private static ColumnDescriptor leaf(MessageType schema, String name) {
    ColumnDescriptor found = null;
    for (ColumnDescriptor d : schema.getColumns()) {
      if (d.getPath()[0].equals(name)) {
        if (found != null) {
          return null;
        }
        found = d;
      }
    }
    if (found == null || found.getMaxRepetitionLevel() > 1 || found.getPath().length > 3
        || found.getMaxRepetitionLevel() == 0 && found.getPath().length != 1) {
      return null;
    }
    return found;
  }

  /** One row group; each column decoded on first use. */
  private static final class Block implements KernelBlock {
    private final String period;
    private final int rows;
    private final MessageType schema;
    private final ColumnDescriptor[] leaves;
    private final PageReadStore store;
    private final Chunk[] chunks;
    private final Arena arena;

    Block(String period, int rows, MessageType schema, ColumnDescriptor[] leaves, PageReadStore store, Arena arena) {
      this.period = period;
      this.rows = rows;
      this.schema = schema;
      this.leaves = leaves;
      this.store = store;
      this.chunks = new Chunk[leaves.length];
      this.arena = arena;
    }

    private Chunk chunk(int column) {
      if (column == 0) {
        throw new IllegalArgumentException("the period is the file's folder, not a column");
      }
      if (chunks[column] == null) {
        chunks[column] = new Chunk(leaves[column], schema, rows, store.getPageReader(leaves[column]), arena.of(column));
      }
      return chunks[column];
    }

    @Override
    public int size() {
      return rows;
    }

    @Override
    public String period() {
      return period;
    }

    @Override
    public String period(int row) {
      return period;
    }

    @Override
    public void notNull(int column, long[] out) {
      System.arraycopy(chunk(column).set, 0, out, 0, Bits.words(rows));
    }

    @Override
    public void trues(int column, long[] out) {
      chunk(column).trues(out);
    }

    @Override
    public void notEmpty(int column, long[] out) {
      Chunk chunk = chunk(column);
      if (chunk.nonEmpty == null) {
        throw new IllegalStateException("column " + leaves[column] + " is not a list");
      }
      System.arraycopy(chunk.nonEmpty, 0, out, 0, Bits.words(rows));
    }

    @Override
    public int[] ints(int column) {
      return chunk(column).ints();
    }

    @Override
    public long[] longs(int column) {
      return chunk(column).longs();
    }

    @Override
    public int[] ids(int column) {
      return chunk(column).ids();
    }

    @Override
    public String string(int column, int id) {
      return chunk(column).string(id);
    }
  }

  /**
   * One column of one row group: its levels decoded on reading (the rows set, and for a list the
   * rows with an element), its pages' value bytes kept for decoding when asked.
   */
  private static final class Chunk {
    private final ColumnDescriptor leaf;
    private final int rows;
    final long[] set;
    final long[] nonEmpty;
    private final Dictionary dictionary;
    private final List<Page> pages = new ArrayList<>();
    private final Room room;
    private int[] ids;
    private List<String> strings;

    Chunk(ColumnDescriptor leaf, MessageType schema, int rows, PageReader reader, Room room) {
      this.leaf = leaf;
      this.rows = rows;
      this.room = room;
      int words = Bits.words(rows);
      set = room.set = Room.clear(room.set, words);
      boolean list = leaf.getMaxRepetitionLevel() > 0;
      nonEmpty = list ? room.nonEmpty = Room.clear(room.nonEmpty, words) : null;
      DictionaryPage dictionaryPage = reader.readDictionaryPage();
      try {
        dictionary = dictionaryPage == null ? null : dictionaryPage.getEncoding().initDictionary(leaf, dictionaryPage);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the dictionary of " + leaf, e);
      }
      // Rows a level says are set: the leaf's own level for a value, the list's for a list.
      String[] path = leaf.getPath();
      int setLevel = list ? schema.getMaxDefinitionLevel(path[0]) : leaf.getMaxDefinitionLevel();
      int elementLevel = list ? schema.getMaxDefinitionLevel(path[0], path[1]) : 0;
      int row = 0;
      for (DataPage page = reader.readPage(); page != null; page = reader.readPage()) {
        row = list ? readListPage(page, row, setLevel, elementLevel) : readPage(page, row);
      }
      if (row != rows) {
        throw new IllegalStateException("column " + leaf + ": the pages hold " + row + " rows, the row group " + rows);
      }
    }

    /** A page of a column of one value per row: its definition levels into {@link #set}, its values kept. */
    private int readPage(DataPage page, int row) {
      int entries = page.getValueCount();
      int maxDef = leaf.getMaxDefinitionLevel();
      ByteBuffer data;
      int at;
      Encoding encoding;
      if (page instanceof DataPageV1 v1) {
        data = room.page(pages.size(), v1.getBytes());
        at = 0;
        if (maxDef > 0) {
          at = levelsV1(data, at, v1.getDlEncoding());
          int length = data.getInt(at - 4);
          Bits.hybridToBitmap(data, at, at + length, Bits.width(maxDef), maxDef, entries, set, row);
          at += length;
        }
        encoding = v1.getValueEncoding();
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        if (maxDef > 0) {
          ByteBuffer levels = bytes(v2.getDefinitionLevels());
          Bits.hybridToBitmap(levels, 0, levels.limit(), Bits.width(maxDef), maxDef, entries, set, row);
        }
        data = room.page(pages.size(), v2.getData());
        at = 0;
        encoding = v2.getDataEncoding();
      }
      if (maxDef == 0) {
        Bits.setRange(set, row, entries);
      }
      pages.add(new Page(row, entries, data, at, encoding));
      return row + entries;
    }

    /** A page of a list column: per row, whether the list is set and whether it holds an element. */
    private int readListPage(DataPage page, int row, int setLevel, int elementLevel) {
      int entries = page.getValueCount();
      int[] rep = room.rep = Room.atLeast(room.rep, entries);
      int[] def = room.def = Room.atLeast(room.def, entries);
      int maxDef = leaf.getMaxDefinitionLevel();
      if (page instanceof DataPageV1 v1) {
        ByteBuffer data = room.page(0, v1.getBytes());
        int at = levelsV1(data, 0, v1.getRlEncoding());
        int length = data.getInt(at - 4);
        Bits.hybrid(data, at, at + length, 1, entries, rep);
        at += length;
        if (maxDef > 0) {
          at = levelsV1(data, at, v1.getDlEncoding());
          Bits.hybrid(data, at, at + data.getInt(at - 4), Bits.width(maxDef), entries, def);
        }
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        ByteBuffer levels = bytes(v2.getRepetitionLevels());
        Bits.hybrid(levels, 0, levels.limit(), 1, entries, rep);
        if (maxDef > 0) {
          levels = bytes(v2.getDefinitionLevels());
          Bits.hybrid(levels, 0, levels.limit(), Bits.width(maxDef), entries, def);
        }
      }
      for (int i = 0; i < entries; i++) {
        if (rep[i] == 0) {
          if (def[i] >= setLevel) {
            set[row >>> 6] |= 1L << row;
          }
          if (def[i] >= elementLevel) {
            nonEmpty[row >>> 6] |= 1L << row;
          }
          row++;
        }
      }
      return row;
    }

    /** The offset after a version-1 page's 4-byte length of its levels, checking their encoding. */
    private int levelsV1(ByteBuffer data, int at, Encoding encoding) {
      if (encoding != Encoding.RLE) {
        throw new Undecodable("column " + leaf + ": levels in encoding " + encoding);
      }
      return at + 4;
    }

    private static ByteBuffer bytes(org.apache.parquet.bytes.BytesInput in) {
      try {
        return ByteBuffer.wrap(in.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a page", e);
      }
    }

    private PrimitiveTypeName type() {
      return leaf.getPrimitiveType().getPrimitiveTypeName();
    }

    private void expect(PrimitiveTypeName type) {
      if (type() != type || nonEmpty != null) {
        throw new IllegalStateException("column " + leaf + " is not a single " + type);
      }
    }

    /** The true rows. */
    void trues(long[] out) {
      expect(PrimitiveTypeName.BOOLEAN);
      Arrays.fill(out, 0, Bits.words(rows), 0L);
      for (Page p : pages) {
        int present = Bits.count(set, p.row, p.entries);
        long[] values = present == p.entries ? out : (room.scratchBits = Room.clear(room.scratchBits, Bits.words(present)));
        int start = present == p.entries ? p.row : 0;
        if (p.encoding == Encoding.PLAIN) {
          Bits.copy(p.data, p.at, present, values, start);
        } else if (p.encoding == Encoding.RLE) {
          int length = p.data.getInt(p.at);
          Bits.hybridToBitmap(p.data, p.at + 4, p.at + 4 + length, 1, 1, present, values, start);
        } else {
          throw new Undecodable("column " + leaf + ": booleans in encoding " + p.encoding);
        }
        if (values != out) {
          Bits.scatterBits(values, set, p.row, p.entries, out);
        }
      }
    }

    /** One int per row; a null row holds whatever its array held before (the kernel masks it). */
    int[] ints() {
      expect(PrimitiveTypeName.INT32);
      int[] out = room.ints = Room.atLeast(room.ints, rows);
      int[] decoded = dictionary == null ? null : dictionaryInts();
      for (Page p : pages) {
        int present = Bits.count(set, p.row, p.entries);
        boolean dense = present == p.entries;
        int[] values = out;
        int start = p.row;
        if (!dense) {
          values = room.scratch = Room.atLeast(room.scratch, present);
          start = 0;
        }
        if (p.encoding == Encoding.PLAIN) {
          p.data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(p.at).asIntBuffer().get(values, start, present);
        } else {
          dictionaryIds(p, present, values, start);
          for (int i = start; i < start + present; i++) {
            values[i] = decoded[values[i]];
          }
        }
        if (!dense) {
          Bits.scatter(values, set, p.row, p.entries, out);
        }
      }
      return out;
    }

    /** One long per row, from 32- or 64-bit integers; a null row holds a stale value, as in {@link #ints}. */
    long[] longs() {
      if (type() == PrimitiveTypeName.INT32) {
        int[] ints = ints();
        long[] out = room.longs = Room.atLeast(room.longs, rows);
        for (int i = 0; i < rows; i++) {
          out[i] = ints[i];
        }
        return out;
      }
      expect(PrimitiveTypeName.INT64);
      long[] out = room.longs = Room.atLeast(room.longs, rows);
      long[] decoded = null;
      if (dictionary != null) {
        decoded = new long[dictionary.getMaxId() + 1];
        for (int id = 0; id < decoded.length; id++) {
          decoded[id] = dictionary.decodeToLong(id);
        }
      }
      for (Page p : pages) {
        int present = Bits.count(set, p.row, p.entries);
        boolean dense = present == p.entries;
        long[] values = out;
        int start = p.row;
        if (!dense) {
          values = room.scratchLongs = Room.atLeast(room.scratchLongs, present);
          start = 0;
        }
        if (p.encoding == Encoding.PLAIN) {
          p.data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(p.at).asLongBuffer().get(values, start, present);
        } else {
          int[] idScratch = room.scratch = Room.atLeast(room.scratch, present);
          dictionaryIds(p, present, idScratch, 0);
          for (int i = 0; i < present; i++) {
            values[start + i] = decoded[idScratch[i]];
          }
        }
        if (!dense) {
          Bits.scatter(values, set, p.row, p.entries, out);
        }
      }
      return out;
    }

    private int[] dictionaryInts() {
      int[] decoded = new int[dictionary.getMaxId() + 1];
      for (int id = 0; id < decoded.length; id++) {
        decoded[id] = dictionary.decodeToInt(id);
      }
      return decoded;
    }

    /** The dictionary numbers of a page's present values into {@code out} from {@code start}. */
    private void dictionaryIds(Page p, int present, int[] out, int start) {
      if (p.encoding != Encoding.PLAIN_DICTIONARY && p.encoding != Encoding.RLE_DICTIONARY || dictionary == null) {
        throw new Undecodable("column " + leaf + ": values in encoding " + p.encoding);
      }
      int width = p.data.get(p.at) & 0xff;
      if (width > 32) {
        throw new IllegalStateException("column " + leaf + ": dictionary numbers of " + width + " bits");
      }
      Bits.hybrid(p.data, p.at + 1, p.data.limit(), width, present, out, start);
    }

    /**
     * A number per row for its string (a null row's is stale): the dictionary's number where a page is
     * dictionary-encoded, a number after the dictionary's for each distinct string of a plain page
     * (Parquet falls back to plain pages when a dictionary grows too large).
     */
    int[] ids() {
      if (ids != null) {
        return ids;
      }
      expect(PrimitiveTypeName.BINARY);
      int[] out = room.ids = Room.atLeast(room.ids, rows);
      int base = dictionary == null ? 0 : dictionary.getMaxId() + 1;
      Map<Binary, Integer> plain = new HashMap<>();
      strings = new ArrayList<>();
      for (Page p : pages) {
        int present = Bits.count(set, p.row, p.entries);
        boolean dense = present == p.entries;
        int[] values = out;
        int start = p.row;
        if (!dense) {
          values = room.scratch = Room.atLeast(room.scratch, present);
          start = 0;
        }
        if (p.encoding == Encoding.PLAIN) {
          ByteBuffer data = p.data;
          int at = p.at;
          for (int i = 0; i < present; i++) {
            int length = data.getInt(at);
            Binary value = Binary.fromConstantByteBuffer(data, at + 4, length);
            at += 4 + length;
            Integer id = plain.get(value);
            if (id == null) {
              id = base + strings.size();
              plain.put(value, id);
              strings.add(value.toStringUsingUTF8());
            }
            values[start + i] = id;
          }
        } else {
          dictionaryIds(p, present, values, start);
        }
        if (!dense) {
          Bits.scatter(values, set, p.row, p.entries, out);
        }
      }
      ids = out;
      return out;
    }

    String string(int id) {
      ids();
      int base = dictionary == null ? 0 : dictionary.getMaxId() + 1;
      if (id < base) {
        return dictionary.decodeToBinary(id).toStringUsingUTF8();
      }
      return strings.get(id - base);
    }
  }

  /**
   * What a file holds that the footer did not show and this reader does not decode (levels in the
   * old bit-packed encoding, say): the caller reads the file again with Spark's reader.
   */
  static final class Undecodable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecodable(String message) {
      super(message);
    }
  }

  /**
   * Arrays a reading thread keeps from row group to row group, per kernel column: a row group's
   * arrays are a few megabytes each, which the garbage collector handles as "humongous" objects,
   * and allocating them afresh for every row group cost collections. One per thread at a time.
   */
  static final class Arena {
    private final Room[] rooms;

    Arena(int columns) {
      rooms = new Room[columns];
    }

    Room of(int column) {
      if (rooms[column] == null) {
        rooms[column] = new Room();
      }
      return rooms[column];
    }
  }

  /** One column's arrays in an {@link Arena}; their contents are stale until written. */
  static final class Room {
    long[] set;
    long[] nonEmpty;
    long[] scratchBits;
    int[] ints;
    long[] longs;
    long[] scratchLongs;
    int[] ids;
    int[] scratch;
    int[] rep;
    int[] def;
    private final List<byte[]> pages = new ArrayList<>();

    static int[] atLeast(int[] a, int n) {
      return a != null && a.length >= n ? a : new int[n];
    }

    static long[] atLeast(long[] a, int n) {
      return a != null && a.length >= n ? a : new long[n];
    }

    /** An array of at least {@code words} words, the first {@code words} cleared. */
    static long[] clear(long[] a, int words) {
      if (a == null || a.length < words) {
        return new long[words];
      }
      Arrays.fill(a, 0, words, 0L);
      return a;
    }

    /** The bytes of the column's page number {@code k} of its row group, decompressed into this room's k-th buffer. */
    ByteBuffer page(int k, org.apache.parquet.bytes.BytesInput in) {
      try {
        int size = Math.toIntExact(in.size());
        while (pages.size() <= k) {
          pages.add(new byte[0]);
        }
        byte[] buffer = pages.get(k);
        if (buffer.length < size) {
          buffer = new byte[size];
          pages.set(k, buffer);
        }
        try (java.io.InputStream stream = in.toInputStream()) {
          int read = stream.readNBytes(buffer, 0, size);
          if (read != size) {
            throw new IOException("a page of " + size + " bytes ended after " + read);
          }
        }
        return ByteBuffer.wrap(buffer, 0, size).slice().order(ByteOrder.LITTLE_ENDIAN);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a page", e);
      }
    }
  }

  /** A data page: its first row, its entries, and where its values start in its bytes. */
  private record Page(int row, int entries, ByteBuffer data, int at, Encoding encoding) {}
}
