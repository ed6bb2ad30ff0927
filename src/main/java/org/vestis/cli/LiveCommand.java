package org.vestis.cli;

import org.vestis.cli.options.PipelineOptions;
import org.vestis.config.PipelineConfig;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import org.vestis.model.ModelBundle;
import org.vestis.ui.LiveLauncher;
import org.vestis.ui.LiveScript;
import org.vestis.io.ProjectRoot;
import org.vestis.video.source.FrameSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * `vestis live` (and `vestis` with no command): the desktop window on a camera, a file, a folder or a stream.
 * --screenshot, --quit-after, --switch-config and --press make a scripted run for tests and docs: the switch
 * selects the config in the window's picker and a press goes through the key binding, the same paths as a user's.
 * Scripted seconds count from the first frame shown, so a slow model load does not shorten the script.
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open the desktop window: live recognition on a camera (default) or any video source, a photo panel, training results.")
final class LiveCommand implements Callable<Integer> {
    @Option(names = "--source", description = "Camera index or device, video file, image folder or stream URL (default: camera 0, else the demo clip).")
    String source;
    @Option(names = "--config", description = "Run config (default: configs/garments.yaml).")
    String config;
    @Mixin
    PipelineOptions pipeline;
    @Option(names = "--photo", description = "Open the image tab with this photo.")
    Path photo;
    @Option(names = "--tab", description = "Start on this tab: live, image or results.")
    String tab;
    @Option(names = "--dark", description = "Start with the dark theme.")
    boolean dark;
    @Option(names = "--captures", defaultValue = "captures", description = "Folder for snapshots and recordings (default: ${DEFAULT-VALUE}).")
    Path captures;
    @Option(names = "--switch-config", description = "Scripted run: select this config in the window's picker after --switch-after seconds; "
            + "repeat it to switch again every --switch-after seconds.")
    java.util.List<Path> switchConfigs = new java.util.ArrayList<>();
    @Option(names = "--switch-after", defaultValue = "5", description = "Seconds between scripted config switches (default: ${DEFAULT-VALUE}).")
    double switchAfter;
    @Option(names = "--press", paramLabel = "KEY@SECONDS", description = "Scripted run: press a shortcut after SECONDS, e.g. \"ctrl S@5\" (snapshot), \"P@3\" (pause); repeatable.")
    java.util.List<String> presses = new java.util.ArrayList<>();
    @Option(names = "--screenshot", description = "Scripted run: save a PNG of the window just before quitting.")
    Path screenshot;
    @Option(names = "--quit-after", description = "Scripted run: close the window this many seconds after the first frame is shown.")
    Double quitAfter;

    @Override
    public Integer call() throws Exception {
        // A mistyped --source or --model is the user's mistake to hear about now, not in a window's status line.
        if (source != null) {
            FrameSources.checkExists(source);
        }
        if (pipeline.model() != null) {
            ModelBundle.checkFiles(ProjectRoot.find().resolve(pipeline.model()));
        }
        // Checked as analyze checks them, before any window: a bad value is one sentence and exit code 2.
        ProjectRoot root = ProjectRoot.find();
        Path configFile = root.resolve(config != null ? config : "configs/garments.yaml");
        PipelineConfig pipelineConfig = pipeline.load(configFile, flags -> { });
        if (screenshot != null) {
            if (Files.isDirectory(screenshot)) {
                throw new UserException("--screenshot " + screenshot + " is a folder; give the name of the PNG to write.");
            }
            OutputFiles.requireWritableFolder(screenshot.toAbsolutePath().getParent(), "The folder of --screenshot");
        }
        LiveLauncher.requireDisplay();
        if (screenshot != null && quitAfter == null) {
            throw new UserException("--screenshot needs --quit-after SECONDS (the screenshot is taken just before quitting).");
        }
        int tabIndex = tab == null ? (photo != null ? 1 : 0) : switch (tab) {
            case "live" -> 0;
            case "image" -> 1;
            case "results" -> 2;
            default -> throw new UserException("Unknown tab \"" + tab + "\"; choose live, image or results.");
        };
        LiveScript script = new LiveScript(switchConfigs, switchAfter, presses, quitAfter, screenshot);
        LiveLauncher.run(root, new LiveLauncher.Start(source != null ? source : "0", configFile, pipelineConfig, tabIndex, photo, dark, captures),
                script, System.out);
        return 0;
    }
}
