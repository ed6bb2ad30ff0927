package org.vestis.cli;

import org.vestis.data.FashionMnist;
import org.vestis.data.FashionMnistLocator;
import org.vestis.video.synth.SyntheticVideo;
import org.vestis.cli.options.FashionMnistDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `vestis make-video --out FILE`: a synthetic test video of Fashion-MNIST items with ground truth. */
@Command(name = "make-video", mixinStandardHelpOptions = true,
        description = "Render a test video of moving Fashion-MNIST test images, with a ground-truth file beside it.")
final class MakeVideoCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Video file (.mp4); the ground truth goes to FILE.truth.jsonl.")
    Path out;
    @Option(names = "--frames", defaultValue = "300")
    int frames;
    @Option(names = "--objects", defaultValue = "3")
    int objects;
    @Option(names = "--seed", defaultValue = "7")
    long seed;
    @Mixin
    FashionMnistDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        SyntheticVideo.Settings s = new SyntheticVideo.Settings(640, 480, frames, 25, objects, seed);
        Path truth = truthFile(out);
        new SyntheticVideo(FashionMnist.test(FashionMnistLocator.standard().locate(dataDir.path())), FashionMnist.LABELS, s).write(out, truth);
        System.out.println("Wrote " + out + " (" + frames + " frames, 640x480, 25 fps) and " + truth);
        return 0;
    }

    static Path truthFile(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return video.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".truth.jsonl");
    }
}
