package org.vestis.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.data.FashionMnist;
import org.vestis.data.IdxReader;
import org.vestis.data.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Downloads from a real HTTP server on 127.0.0.1 serving the sample fixture; never the internet. */
class DownloaderTest {
    @TempDir
    Path served;
    @TempDir
    Path target;

    private LocalFileServer server;

    @BeforeEach
    void serveTheSample() throws IOException {
        for (String name : List.of(FashionMnist.TRAIN_LABELS, FashionMnist.TEST_LABELS, FashionMnist.TEST_IMAGES)) {
            Files.copy(TestData.sampleDir().resolve(name), served.resolve(name));
        }
        server = new LocalFileServer(served);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteFile remote(String name) throws IOException {
        return new RemoteFile(name, Downloader.sha256Of(served.resolve(name)));
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsAndVerifiesAFile() throws IOException {
        Path dir = target.resolve("cache/fashion-mnist"); // created on demand

        Path file = new Downloader().fetch(server.url(), remote(FashionMnist.TEST_IMAGES), dir);

        assertThat(file).isEqualTo(dir.resolve(FashionMnist.TEST_IMAGES));
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(served.resolve(FashionMnist.TEST_IMAGES)));
        assertThat(filesIn(dir)).containsExactly(FashionMnist.TEST_IMAGES); // no *.part left behind
        assertThat(server.requests(FashionMnist.TEST_IMAGES)).isEqualTo(1);
        assertThat(IdxReader.readImages(file).count()).isEqualTo(300);
    }

    @Test
    void baseUrlWorksWithAndWithoutTrailingSlash() throws IOException {
        String noSlash = server.url().substring(0, server.url().length() - 1);
        Downloader downloader = new Downloader();

        downloader.fetch(noSlash, remote(FashionMnist.TEST_LABELS), target);
        downloader.fetch(server.url(), remote(FashionMnist.TRAIN_LABELS), target);

        assertThat(filesIn(target)).containsExactly(FashionMnist.TEST_LABELS, FashionMnist.TRAIN_LABELS);
    }

    @Test
    void checksumIsCaseInsensitiveAndReplacesAStaleFile() throws IOException {
        RemoteFile upper = new RemoteFile(FashionMnist.TEST_LABELS, remote(FashionMnist.TEST_LABELS).sha256().toUpperCase());
        Files.writeString(target.resolve(FashionMnist.TEST_LABELS), "stale");

        Path file = new Downloader().fetch(server.url(), upper, target);

        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(served.resolve(FashionMnist.TEST_LABELS)));
        assertThat(filesIn(target)).containsExactly(FashionMnist.TEST_LABELS);
    }

    @Test
    void wrongBytesFailAfterTwoAttempts() throws IOException {
        RemoteFile expected = remote(FashionMnist.TEST_LABELS);
        byte[] corrupt = Files.readAllBytes(served.resolve(FashionMnist.TEST_LABELS));
        corrupt[corrupt.length / 2] ^= 0x01;
        Files.write(served.resolve(FashionMnist.TEST_LABELS), corrupt);
        String url = server.url() + FashionMnist.TEST_LABELS;

        assertThatThrownBy(() -> new Downloader().fetch(server.url(), expected, target))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(expected.sha256())
                .hasMessageContaining(Downloader.sha256Of(served.resolve(FashionMnist.TEST_LABELS)))
                .hasMessageContaining(target.toString());
        assertThat(server.requests(FashionMnist.TEST_LABELS)).isEqualTo(2);
        assertThat(filesIn(target)).isEmpty(); // nothing under the real name, no *.part
    }

    @Test
    void truncatedBodyFailsClearly() throws IOException {
        byte[] data = Files.readAllBytes(served.resolve(FashionMnist.TEST_IMAGES));
        RemoteFile expected = remote(FashionMnist.TEST_IMAGES);
        // Content-Length promises the whole file; the connection drops after a third of it.
        server.override(FashionMnist.TEST_IMAGES, LocalFileServer.truncated(data, data.length / 3));
        String url = server.url() + FashionMnist.TEST_IMAGES;

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> new Downloader().fetch(server.url(), expected, target))
                        .isInstanceOf(UserException.class)
                        .hasMessageStartingWith("Could not download " + url + " (connection lost after ")
                        .hasMessageContaining(String.format(Locale.ROOT, " of %,d bytes", data.length))
                        .hasMessageNotContaining("SHA-256")); // an I/O error, not a checksum mismatch
        assertThat(server.requests(FashionMnist.TEST_IMAGES)).isEqualTo(2);
        assertThat(filesIn(target)).isEmpty();
    }

    @Test
    void stalledTransferIsAbandonedNotWaitedOnForever() throws IOException {
        byte[] data = Files.readAllBytes(served.resolve(FashionMnist.TEST_IMAGES));
        RemoteFile expected = remote(FashionMnist.TEST_IMAGES);
        // Sends a third of the promised bytes, then nothing, with the connection left open.
        server.override(FashionMnist.TEST_IMAGES, LocalFileServer.stalling(data, data.length / 3));
        String url = server.url() + FashionMnist.TEST_IMAGES;

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> new Downloader(Duration.ofMillis(500)).fetch(server.url(), expected, target))
                        .isInstanceOf(UserException.class)
                        .hasMessageContaining(url)
                        .hasMessageContaining("no data received for 500 ms"));
        assertThat(server.requests(FashionMnist.TEST_IMAGES)).isEqualTo(2);
        assertThat(filesIn(target)).isEmpty();
    }

    @Test
    void shortFileServedCompletelyFailsOnTheChecksum() throws IOException {
        RemoteFile expected = remote(FashionMnist.TEST_IMAGES);
        byte[] data = Files.readAllBytes(served.resolve(FashionMnist.TEST_IMAGES));
        Files.write(served.resolve(FashionMnist.TEST_IMAGES), Arrays.copyOf(data, data.length / 2));

        assertThatThrownBy(() -> new Downloader().fetch(server.url(), expected, target))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(server.url() + FashionMnist.TEST_IMAGES)
                .hasMessageContaining("SHA-256");
        assertThat(server.requests(FashionMnist.TEST_IMAGES)).isEqualTo(2);
        assertThat(filesIn(target)).isEmpty();
    }

    @Test
    void notFoundFailsClearly() {
        RemoteFile missing = new RemoteFile("no-such-file.gz", "00".repeat(32));
        String url = server.url() + "no-such-file.gz";

        assertThatThrownBy(() -> new Downloader().fetch(server.url(), missing, target))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("HTTP 404");
        assertThat(server.requests("no-such-file.gz")).isEqualTo(2);
        assertThat(target.resolve("no-such-file.gz")).doesNotExist();
    }

    @Test
    void unreachableServerFailsClearly() throws IOException {
        String url = server.url();
        server.close(); // nothing listens on that port any more

        assertThatThrownBy(() -> new Downloader().fetch(url, remote(FashionMnist.TEST_LABELS), target))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(url + FashionMnist.TEST_LABELS);
        assertThat(filesIn(target)).isEmpty();
    }

    @Test
    void sha256OfMatchesAKnownValue() throws IOException {
        Path file = Files.writeString(target.resolve("abc.txt"), "abc");

        assertThat(Downloader.sha256Of(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
