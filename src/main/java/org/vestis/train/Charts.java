package org.vestis.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PNG pictures a training run produces: loss and accuracy curves, and the confusion matrix. */
public final class Charts {
    private Charts() {
    }

    public static void trainingCurves(List<EpochStats> history, Path png) throws IOException {
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        XYChart loss = new XYChartBuilder().width(640).height(420).title("Loss").xAxisTitle("epoch").yAxisTitle("cross-entropy").build();
        loss.addSeries("train", epochs, history.stream().mapToDouble(EpochStats::trainLoss).toArray()).setMarker(SeriesMarkers.CIRCLE);
        loss.addSeries("validation", epochs, history.stream().mapToDouble(EpochStats::validationLoss).toArray()).setMarker(SeriesMarkers.CIRCLE);
        XYChart acc = new XYChartBuilder().width(640).height(420).title("Accuracy").xAxisTitle("epoch").yAxisTitle("top-1 accuracy").build();
        acc.addSeries("train", epochs, history.stream().mapToDouble(EpochStats::trainAccuracy).toArray()).setMarker(SeriesMarkers.CIRCLE);
        acc.addSeries("validation", epochs, history.stream().mapToDouble(EpochStats::validationAccuracy).toArray()).setMarker(SeriesMarkers.CIRCLE);
        for (XYChart c : List.of(loss, acc)) {
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        }
        acc.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        BitmapEncoder.saveBitmap(List.of(loss, acc), 1, 2, stripPng(png), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Cells show counts; colour is the share of the true class (row), so small classes stay readable. */
    public static void confusionMatrix(long[][] confusion, List<String> labels, Path png) throws IOException {
        int k = labels.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(180 + 70 * k).height(140 + 55 * k)
                .title("Confusion matrix (rows: true class, columns: predicted)").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[]{new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        chart.getStyler().setXAxisLabelRotation(45);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                // HeatMapChart's y axis runs bottom-up; flip it so the first class is the top row.
                cells.add(new Number[]{p, k - 1 - t, confusion[t][p]});
            }
        }
        List<String> reversed = new ArrayList<>(labels);
        java.util.Collections.reverse(reversed);
        chart.addSeries("count", labels, reversed, cells);
        BitmapEncoder.saveBitmap(chart, stripPng(png), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String stripPng(Path png) {
        String s = png.toString();
        return s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}
