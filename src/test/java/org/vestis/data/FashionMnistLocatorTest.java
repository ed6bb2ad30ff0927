package org.vestis.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.io.Downloader;
import org.vestis.io.LocalFileServer;
import org.vestis.io.RemoteFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search order (explicit dir, environment, cache, Debian dir, download) with directories in a temp dir
 * and, for downloads, a real HTTP server on 127.0.0.1. A locator is never given the official URL.
 */
class FashionMnistLocatorTest {
    private static final List<String> NAMES = FashionMnist.FILES.stream().map(RemoteFile::name).toList();

    @TempDir
    Path tmp;

    /** A directory holding the four files (the sample's bytes: the locator only checks names). */
    private Path complete(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String file : NAMES) {
            Files.copy(TestData.sampleDir().resolve(file), dir.resolve(file));
        }
        return dir;
    }

    private Path withOnly(String name, String... files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String file : files) {
            Files.copy(TestData.sampleDir().resolve(file), dir.resolve(file));
        }
        return dir;
    }

    /** URL of a closed port on 127.0.0.1: any download attempt fails fast, and never leaves the machine. */
    private static String deadUrl() throws IOException {
        LocalFileServer server = new LocalFileServer(Path.of("."));
        String url = server.url();
        server.close();
        return url;
    }

    @Test
    void explicitDirWinsOverEverything() throws IOException {
        Path explicit = complete("explicit");
        Path env = complete("env");
        Path cache = complete("cache");
        Path debian = complete("debian");

        FashionMnistLocator locator = new FashionMnistLocator(env.toString(), cache, debian, deadUrl());

        assertThat(locator.locate(explicit)).isEqualTo(explicit);
    }

    @Test
    void environmentComesNext() throws IOException {
        Path env = complete("env");

        FashionMnistLocator locator = new FashionMnistLocator(env.toString(), complete("cache"), complete("debian"), deadUrl());

        assertThat(locator.locate(null)).isEqualTo(env);
    }

    @Test
    void thenTheCache() throws IOException {
        Path cache = complete("cache");
        Path debian = complete("debian");

        assertThat(new FashionMnistLocator(null, cache, debian, deadUrl()).locate(null)).isEqualTo(cache);
        assertThat(new FashionMnistLocator("  ", cache, debian, deadUrl()).locate(null))
                .as("a blank environment value counts as unset").isEqualTo(cache);
    }

    @Test
    void thenTheDebianDirWhenTheCacheIsMissingOrIncomplete() throws IOException {
        Path debian = complete("debian");
        Path incompleteCache = withOnly("cache", FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);

        assertThat(new FashionMnistLocator(null, tmp.resolve("no-cache"), debian, deadUrl()).locate(null)).isEqualTo(debian);
        assertThat(new FashionMnistLocator(null, incompleteCache, debian, deadUrl()).locate(null)).isEqualTo(debian);
    }

    @Test
    void missingExplicitDirIsAUserError() throws IOException {
        Path missing = tmp.resolve("does-not-exist");
        FashionMnistLocator locator = new FashionMnistLocator(null, complete("cache"), complete("debian"), deadUrl());

        assertThatThrownBy(() -> locator.locate(missing))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("--data-dir")
                .hasMessageContaining("does not exist");
    }

    @Test
    void incompleteExplicitDirNamesTheMissingFiles() throws IOException {
        Path partial = withOnly("partial", FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
        FashionMnistLocator locator = new FashionMnistLocator(null, complete("cache"), complete("debian"), deadUrl());

        assertThatThrownBy(() -> locator.locate(partial))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(partial.toString())
                .hasMessageContaining(FashionMnist.TRAIN_IMAGES)
                .hasMessageContaining(FashionMnist.TRAIN_LABELS)
                .hasMessageNotContaining(FashionMnist.TEST_IMAGES);
    }

    @Test
    void badEnvironmentDirIsAUserErrorNotAFallback() throws IOException {
        Path missing = tmp.resolve("env-missing");
        Path partial = withOnly("env-partial", FashionMnist.TRAIN_LABELS);
        Path cache = complete("cache");

        assertThatThrownBy(() -> new FashionMnistLocator(missing.toString(), cache, null, deadUrl()).locate(null))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(FashionMnistLocator.ENV);
        assertThatThrownBy(() -> new FashionMnistLocator(partial.toString(), cache, null, deadUrl()).locate(null))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(partial.toString())
                .hasMessageContaining(FashionMnistLocator.ENV)
                .hasMessageContaining(FashionMnist.TRAIN_IMAGES);
    }

    @Test
    void downloadsOnlyWhatTheCacheLacks() throws IOException {
        Path cache = withOnly("cache", FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
        Path empty = Files.createDirectories(tmp.resolve("served-nothing"));
        try (LocalFileServer server = new LocalFileServer(empty)) {
            FashionMnistLocator locator = new FashionMnistLocator(null, cache, tmp.resolve("no-debian"), server.url());

            assertThatThrownBy(() -> locator.locate(null))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(server.url() + FashionMnist.TRAIN_IMAGES)
                    .hasMessageContaining("HTTP 404");
            assertThat(server.requests(FashionMnist.TRAIN_IMAGES)).isEqualTo(2);
            assertThat(server.totalRequests()).as("files already in the cache are not fetched").isEqualTo(2);
        }
        assertThat(cache.resolve(FashionMnist.TRAIN_IMAGES)).doesNotExist();
    }

    @Test
    void downloadWithWrongChecksumsLeavesTheCacheIncomplete() throws IOException {
        // The sample's bytes do not have the official checksums: the first file fails, nothing is kept.
        Path cache = tmp.resolve("cache");
        try (LocalFileServer server = new LocalFileServer(TestData.sampleDir())) {
            FashionMnistLocator locator = new FashionMnistLocator(null, cache, tmp.resolve("no-debian"), server.url());

            assertThatThrownBy(() -> locator.locate(null))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(server.url() + FashionMnist.FILES.get(0).name())
                    .hasMessageContaining(FashionMnist.FILES.get(0).sha256());
            assertThat(server.totalRequests()).isEqualTo(2);
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestData.REAL_DATA_ENV, matches = ".+")
    void downloadsTheRealFilesWithTheOfficialChecksums() throws IOException {
        Path cache = tmp.resolve("home/.cache/vestis/fashion-mnist");
        try (LocalFileServer server = new LocalFileServer(TestData.realDir())) {
            FashionMnistLocator locator = new FashionMnistLocator(null, cache, tmp.resolve("no-debian"), server.url());

            assertThat(locator.locate(null)).isEqualTo(cache);

            for (String name : NAMES) {
                assertThat(server.requests(name)).as(name).isEqualTo(1);
            }
            try (Stream<Path> files = Files.list(cache)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(NAMES);
            }
            for (RemoteFile file : FashionMnist.FILES) {
                assertThat(Downloader.sha256Of(cache.resolve(file.name()))).isEqualTo(file.sha256());
            }

            // Second run: the cache is complete, nothing is fetched again.
            assertThat(locator.locate(null)).isEqualTo(cache);
            assertThat(server.totalRequests()).isEqualTo(4);
        }
        Dataset test = FashionMnist.test(cache);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(TestData.classCounts(test)).containsOnly(1_000);
    }
}
