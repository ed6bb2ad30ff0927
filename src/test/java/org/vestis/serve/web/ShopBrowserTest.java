package org.vestis.serve.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Role;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.retrain.RetrainSettings;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shop in a real headless Chromium (Debian's chromium and chromedriver; skipped where they are not installed):
 * a seller logs in and drops photos on the upload form, a manager reviews them with the keyboard and the correction
 * list, retrains from the reviewed items and serves the new bundle, a buyer finds the items in the catalogue and sends feedback, the manager reads it and the seller is told the batch
 * is verified. Saves screenshots of each role's main page to target/screenshots/ (the README's pictures come from there).
 */
class ShopBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;
    static ShopDatabase db;
    static ServingBundles bundles;
    static ShopServices services;
    static ShopServer server;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null);
        bundles = new ServingBundles(db.jdbi(), Path.of("models/clothing-mobilenetv2"), null);
        // Retraining kept short for the test: one epoch, no augmented copies.
        services = new ShopServices(data, db, bundles, new UploadCheck(UploadCheck.DEFAULT_MAX_BYTES, UploadCheck.DEFAULT_MAX_PIXELS), new RetrainSettings(1, 5, 0, 5)).start();
        server = new ShopServer(services).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        services.accounts().create("mia", Role.MANAGER, "manager-password".toCharArray());
        services.accounts().create("sam", Role.SELLER, "seller-password".toCharArray());
        services.accounts().create("bea", Role.BUYER, "buyer-password".toCharArray());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags this closed network needs: no background connections, no sandbox as root, a fresh profile.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(data, "chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            services.close();
            db.close();
        }
    }

    @Test
    void sellerUploadsManagerReviewsAndCorrects() throws Exception {
        logIn("sam", "seller-password");
        assertThat(browser.getCurrentUrl()).endsWith("/seller");
        List<Path> photos = new java.util.ArrayList<>();
        for (String split : List.of("train", "validation")) {
            for (String label : List.of("pants", "shoes")) { // 8 of each: enough to retrain on
                try (var files = Files.list(Path.of("src/test/resources/clothing-photos", split, label))) {
                    photos.addAll(files.sorted().toList());
                }
            }
        }
        browser.findElement(By.id("photo-input")).sendKeys(photos.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining("\n")));
        browser.findElement(By.id("upload")).click();
        // One progress line per file, each ending with the server's answer.
        waitFor(Duration.ofSeconds(60), () -> browser.findElements(By.cssSelector("#progress li.stored")).size() == photos.size());

        // Tagging runs in the background: the seller's table shows each photo tagged with a proposal.
        waitFor(Duration.ofSeconds(120), () -> {
            browser.get(base + "/seller");
            return browser.findElements(By.xpath("//table[@id='my-photos']//td[normalize-space()='tagged']")).size() == photos.size();
        });
        assertThat(browser.findElements(By.cssSelector("#my-photos .tag"))).hasSize(photos.size());
        screenshot("shop-seller.png");
        logOut();

        logIn("mia", "manager-password");
        assertThat(browser.getCurrentUrl()).endsWith("/review");
        assertThat(browser.findElement(By.id("remaining")).getText()).isEqualTo(photos.size() + " left");
        screenshot("shop-review.png");
        // Keyboard: the first (least confident) item has focus; "a" accepts it.
        String firstId = browser.findElements(By.cssSelector("#queue .item")).get(0).getAttribute("id");
        browser.switchTo().activeElement().sendKeys("a");
        waitFor(Duration.ofSeconds(10), () -> browser.findElement(By.id("remaining")).getText().equals((photos.size() - 1) + " left"));
        assertThat(browser.findElements(By.id(firstId))).isEmpty();

        // Correct the next one: "c" focuses the class list, choose another class, Enter submits.
        WebElement item = browser.findElements(By.cssSelector("#queue .item")).get(0);
        String proposal = item.findElement(By.cssSelector(".proposal")).getText();
        String other = proposal.equals("shoes") ? "pants" : "shoes";
        browser.switchTo().activeElement().sendKeys("c");
        Select classes = new Select(item.findElement(By.cssSelector("select.correct-label")));
        classes.selectByValue(other);
        item.findElement(By.cssSelector("select.correct-label")).sendKeys(Keys.ENTER);
        waitFor(Duration.ofSeconds(10), () -> browser.findElement(By.id("remaining")).getText().equals((photos.size() - 2) + " left"));

        // Bulk-accept the rest, then the accuracy page shows both reviews' classes and the history names the correction.
        WebElement min = browser.findElement(By.id("bulk-min"));
        min.clear();
        min.sendKeys("0");
        browser.findElement(By.id("bulk-accept")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("queue-empty")).isEmpty());
        browser.get(base + "/review/accuracy");
        assertThat(browser.findElement(By.id("history")).getText()).contains("correct", proposal, other);
        assertThat(browser.findElements(By.cssSelector("#per-class tbody tr"))).isNotEmpty();

        // Retrain from the reviewed items, watch the job finish, compare, and serve the new bundle.
        browser.get(base + "/models");
        browser.findElement(By.id("retrain-button")).click();
        waitFor(Duration.ofMinutes(5), () -> {
            browser.get(base + "/models");
            return !browser.findElements(By.cssSelector("#jobs td.status.done")).isEmpty()
                    || !browser.findElements(By.cssSelector("#jobs td.status.failed")).isEmpty();
        });
        assertThat(browser.findElements(By.cssSelector("#jobs td.status.done"))).as(browser.findElement(By.id("jobs")).getText()).hasSize(1);
        List<WebElement> serveButtons = browser.findElements(By.cssSelector("#bundles form.serve button"));
        assertThat(serveButtons).hasSize(1);
        assertThat(browser.findElement(By.id("bundles")).getText()).contains("held-out items", "clothing-mobilenetv2");
        screenshot("shop-models.png");
        serveButtons.get(0).click();
        waitFor(Duration.ofSeconds(30), () -> browser.findElements(By.cssSelector("#bundles tr.serving")).size() == 1
                && browser.findElement(By.cssSelector("#bundles tr.serving")).getText().contains("retrained"));
        logOut();

        // The buyer sees every verified item, with the corrected class, filters by it and sends feedback on one.
        logIn("bea", "buyer-password");
        assertThat(browser.getCurrentUrl()).endsWith("/catalogue");
        assertThat(browser.findElements(By.cssSelector("#items .card"))).hasSize(photos.size());
        screenshot("shop-catalogue.png");
        new Select(browser.findElement(By.id("filter-label"))).selectByValue(other);
        browser.findElement(By.id("filter")).click();
        waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().contains("label=" + other));
        List<WebElement> cards = browser.findElements(By.cssSelector("#items .card"));
        assertThat(cards).isNotEmpty().allSatisfy(c -> assertThat(c.getText()).contains(other));
        cards.get(0).findElement(By.cssSelector("a.title")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("feedback-body")).isEmpty());
        browser.findElement(By.id("feedback-body")).sendKeys("Is this available in a larger size?");
        browser.findElement(By.id("send-feedback")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.id("feedback-sent")).isEmpty());
        logOut();

        // The manager reads the feedback; the seller was told the batch is verified, with one correction.
        logIn("mia", "manager-password");
        browser.get(base + "/messages");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Is this available in a larger size?");
        logOut();
        logIn("sam", "seller-password");
        browser.get(base + "/messages");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Batch 1 is verified (16 photos): 1 tag was corrected.");
        logOut();
    }

    private void logIn(String name, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        waitFor(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().endsWith("/login"));
    }

    private void logOut() {
        browser.findElement(By.id("logout")).click();
        // The click returns before the browser has followed the redirect.
        waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().endsWith("/login"));
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(250)).until(d -> condition.getAsBoolean());
    }
}
