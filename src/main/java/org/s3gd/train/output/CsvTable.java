package org.s3gd.train.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A numeric CSV file read back by column name, for plotting. */
public final class CsvTable {
    private final List<String> header;
    private final double[][] columns;

    private CsvTable(List<String> header, double[][] columns) {
        this.header = header;
        this.columns = columns;
    }

    public static CsvTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new CsvTable(List.of(), new double[0][]);
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int rows = 0;
        double[][] columns = new double[header.size()][lines.size() - 1];
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells.length != header.size()) {
                continue; // a row cut short by an interrupted run
            }
            for (int c = 0; c < cells.length; c++) {
                columns[c][rows] = Double.parseDouble(cells[c]);
            }
            rows++;
        }
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Arrays.copyOf(columns[c], rows);
        }
        return new CsvTable(header, columns);
    }

    public int rows() {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    public boolean has(String name) {
        return header.contains(name);
    }

    public double[] column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return columns[index];
    }
}
