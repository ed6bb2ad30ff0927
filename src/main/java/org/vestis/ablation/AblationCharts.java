package org.vestis.ablation;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The three ablation pictures: accuracy per setting, validation curves overlaid, accuracy against speed. */
final class AblationCharts {
    static final String ACCURACY = "accuracy.png";
    static final String CURVES = "validation-curves.png";
    static final String SPEED = "accuracy-vs-speed.png";

    private AblationCharts() {
    }

    /**
     * Mean test top-1 per value of the first compared axis (bars), grouped by the second (series, e.g.
     * pretrained versus random), with the spread over everything else (e.g. seeds) as error bars.
     */
    static void accuracy(String xAxis, List<String> xValues, String seriesAxis, List<String> seriesValues,
                         List<RunResult> results, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(460)
                .title("Test top-1 by " + xAxis + (seriesAxis == null ? "" : " and " + seriesAxis) + " (mean, bars: sd)")
                .xAxisTitle(xAxis).yAxisTitle("test top-1 (%)").build();
        style(chart.getStyler());
        for (String s : seriesAxis == null ? List.of("all runs") : seriesValues) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String x : xValues) {
                List<RunResult> cell = results.stream().filter(RunResult::ok)
                        .filter(r -> x.equals(r.settings().get(xAxis)))
                        .filter(r -> seriesAxis == null || s.equals(r.settings().get(seriesAxis))).toList();
                if (!cell.isEmpty()) {
                    AxisEffects.Summary sum = AxisEffects.Summary.of(cell.stream().map(RunResult::testTop1).toList());
                    xs.add(x);
                    ys.add(100 * sum.mean());
                    err.add(100 * sum.sd());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(seriesAxis == null ? s : seriesAxis + "=" + s, xs, ys, err);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, stem(png), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static void validationCurves(List<RunResult> results, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(760).height(460).title("Validation accuracy per epoch, every run")
                .xAxisTitle("epoch").yAxisTitle("validation top-1 (%)").build();
        style(chart.getStyler());
        for (RunResult r : results) {
            if (r.ok() && !r.validationCurve().isEmpty()) {
                double[] x = new double[r.validationCurve().size()];
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                    y[i] = 100 * r.validationCurve().get(i);
                }
                chart.addSeries(r.id(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, stem(png), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** One point per run, coloured by {@code groupAxis}: is the accuracy worth the inference cost? */
    static void accuracyVersusSpeed(String groupAxis, List<String> groups, List<RunResult> results, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(760).height(460).title("Test top-1 against inference speed (this CPU)")
                .xAxisTitle("inference images/s (batch 64, log scale)").yAxisTitle("test top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        for (String g : groups) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (RunResult r : results) {
                if (r.ok() && g.equals(r.settings().get(groupAxis)) && r.inferImagesPerSecond() > 0) {
                    x.add(r.inferImagesPerSecond());
                    y.add(100 * r.testTop1());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(groupAxis + "=" + g, x, y);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, stem(png), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
    }

    private static String stem(Path png) {
        String s = png.toString();
        return s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}
