package org.vestis.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.regexp_extract;

/**
 * One Parquet table of every track of every complete video in the output folder (this run's and earlier runs'),
 * read from the videos' tracks CSVs, so the table and the CSVs can never disagree: columns input and video (the
 * outputs' stem) first, then the CSV's columns typed (track, frames, times, confirmed, label, confidence, and with a
 * garment model each slot's class, colour and confidence). Written beside under a temporary name, then swapped in.
 */
final class TracksTable {
    static final String NAME = "tracks.parquet";

    private TracksTable() {
    }

    /** Writes OUT/tracks.parquet from the CSVs of {@code videos} (stem -> input); returns the number of rows. */
    static long write(SparkSession spark, String out, Map<String, String> videos) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path outPath = new Path(out);
        FileSystem fs = outPath.getFileSystem(conf);
        if (videos.isEmpty()) {
            return 0;
        }
        List<String> csvs = new ArrayList<>();
        videos.keySet().forEach(stem -> csvs.add(new Path(outPath, stem + ".tracks.csv").toString()));
        StructType schema = schema(fs, new Path(csvs.get(0)));
        Dataset<Row> tracks = spark.read().option("header", "true").schema(schema).csv(csvs.toArray(String[]::new))
                .withColumn("video", regexp_extract(input_file_name(), "([^/]+)\\.tracks\\.csv$", 1));
        List<Row> names = new ArrayList<>();
        videos.forEach((stem, input) -> names.add(org.apache.spark.sql.RowFactory.create(stem, input)));
        Dataset<Row> inputs = spark.createDataFrame(names, new StructType()
                .add("video", DataTypes.StringType).add("input", DataTypes.StringType));
        List<org.apache.spark.sql.Column> columns = new ArrayList<>(List.of(col("input"), col("video")));
        for (StructField f : schema.fields()) {
            columns.add(col(f.name()));
        }
        Dataset<Row> table = tracks.join(broadcast(inputs), "video").select(columns.toArray(org.apache.spark.sql.Column[]::new))
                .orderBy(col("video"), col("track"));
        Path tmp = new Path(outPath, "." + NAME + ".part");
        Path target = new Path(outPath, NAME);
        fs.delete(tmp, true);
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(tmp.toString());
        fs.delete(target, true);
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
        return spark.read().parquet(target.toString()).count();
    }

    /** The CSV's columns with their types, from its header. */
    static StructType schema(FileSystem fs, Path csv) throws IOException {
        String header;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(csv), StandardCharsets.UTF_8))) {
            header = r.readLine();
        }
        if (header == null) {
            throw new IOException(csv + " is empty");
        }
        StructType schema = new StructType();
        for (String name : header.split(",")) {
            schema = schema.add(name, type(name), true);
        }
        return schema;
    }

    private static DataType type(String column) {
        return switch (column) {
            case "track", "frames_seen" -> DataTypes.IntegerType;
            case "first_frame", "last_frame" -> DataTypes.LongType;
            case "first_time", "last_time", "confidence" -> DataTypes.DoubleType;
            case "confirmed" -> DataTypes.BooleanType;
            default -> column.endsWith("_confidence") ? DataTypes.DoubleType : DataTypes.StringType;
        };
    }
}
