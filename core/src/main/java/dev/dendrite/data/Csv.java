package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a labelled CSV file: a header line, numeric feature columns and one label column (chosen by
 * name). Labels become class indices in sorted order of their text; quoted fields follow RFC 4180.
 * A malformed line is reported with the file, the line number and the column; NaN and infinite
 * cells are malformed (a NaN feature poisons training silently), and so is a file with fewer than
 * two data rows. A UTF-8 byte-order mark before the header is skipped.
 */
public final class Csv {
  private Csv() {}

  public static Labeled read(Path file, String labelColumn) throws IOException {
    if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, not a CSV file");
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    long size = Files.size(file);
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] header;
    int no = 0; // lines read so far
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      if (first == null) throw new IOException(file + ": empty file");
      no = 1;
      // Spreadsheets often save UTF-8 with a byte-order mark, which would stick to the first name.
      if (first.startsWith("\uFEFF")) first = first.substring(1);
      header = split(first, file, 1);
      String line;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) continue;
        String[] f = split(line, file, no);
        if (f.length != header.length) {
          throw new IOException(
              file + ":" + no + ": " + f.length + " fields, the header has " + header.length);
        }
        rows.add(f);
        lines.add(no);
        if (rows.size() > size) throw new IOException(file + ": more rows than bytes");
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ":" + (no + 1) + ": not UTF-8 text", e);
    }
    int label = -1;
    for (int i = 0; i < header.length; i++) if (header[i].trim().equals(labelColumn)) label = i;
    if (label < 0)
      throw new IOException(
          file + ": no column named " + labelColumn + " in the header " + String.join(",", header));
    if (rows.size() < 2)
      throw new IOException(
          file
              + ": "
              + (rows.isEmpty() ? "no data rows after the header" : "only one data row")
              + "; training needs at least two examples");
    TreeSet<String> names = new TreeSet<>();
    for (String[] row : rows) names.add(row[label].trim());
    List<String> classes = List.copyOf(names);
    int cols = header.length - 1;
    float[] x = new float[rows.size() * cols];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      for (int c = 0, k = 0; c < header.length; c++) {
        if (c == label) continue;
        float v;
        boolean number = true;
        try {
          v = Float.parseFloat(row[c].trim());
        } catch (NumberFormatException e) {
          v = Float.NaN;
          number = false;
        }
        // parseFloat also accepts "NaN", "Infinity" and overflows to infinity: none is data.
        if (!Float.isFinite(v))
          throw new IOException(
              file
                  + ":"
                  + lines.get(i)
                  + ": column "
                  + (c + 1)
                  + " ("
                  + header[c].trim()
                  + "): \""
                  + row[c]
                  + (number ? "\" is not a finite number" : "\" is not a number"));
        x[i * cols + k++] = v;
      }
      y[i] = classes.indexOf(row[label].trim());
    }
    return new Labeled(Tensor.of(x, rows.size(), cols), y, classes);
  }

  /** Splits one line on commas, honouring double quotes ("" inside quotes is a quote). */
  static String[] split(String line, Path file, int no) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) throw new IOException(file + ":" + no + ": unterminated quote");
    out.add(cur.toString());
    return out.toArray(String[]::new);
  }
}
