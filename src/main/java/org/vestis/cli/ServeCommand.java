package org.vestis.cli;

import org.vestis.RootCause;
import org.vestis.UserException;
import org.vestis.serve.ServingBundles;
import org.vestis.serve.ShopServices;
import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Role;
import org.vestis.serve.retrain.RetrainSettings;
import org.vestis.serve.db.ShopDatabase;
import org.vestis.serve.photos.UploadCheck;
import org.vestis.serve.web.ShopServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.vestis.io.ProjectRoot;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * `vestis serve`: the shop's tagging workshop in the browser (sellers upload, managers review and retrain, buyers
 * browse), on 127.0.0.1:8080 with an embedded database under the data folder. Accounts are made here first:
 * `--create-manager NAME` (the password is asked for, or read from standard input), then by managers in the page.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the shop's tagging workshop (web app): sellers upload, managers review and retrain, buyers browse.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;
    @Option(names = "--data-dir", description = "Folder for the database, photos and retrained bundles (default: $XDG_DATA_HOME/vestis/shop or ~/.local/share/vestis/shop).")
    Path dataDir;
    @Option(names = "--db-url", description = "JDBC URL of the database (default: an embedded H2 file in the data folder), e.g. jdbc:postgresql://localhost/vestis.")
    String dbUrl;
    @Option(names = "--db-user", description = "Database user (with --db-url).")
    String dbUser;
    @Option(names = "--db-password-env", defaultValue = "VESTIS_DB_PASSWORD", description = "Environment variable holding the database password (default: ${DEFAULT-VALUE}).")
    String dbPasswordEnv;
    @Option(names = "--bundle", defaultValue = "models/clothing-mobilenetv2", description = "Product-photo bundle that tags uploads the first time (default: ${DEFAULT-VALUE}); later the one a manager switched to.")
    String bundle;
    @Option(names = "--garment-bundle", defaultValue = "models/garments-regions", description = "Garment model for photos of people (default: ${DEFAULT-VALUE}; 'none' to tag every photo as a product).")
    String garmentBundle;
    @Option(names = "--max-upload-mib", defaultValue = "20", description = "Largest photo taken, in MiB (default: ${DEFAULT-VALUE}).")
    int maxUploadMib;
    @Option(names = "--retrain-epochs", defaultValue = "30", description = "Retraining from reviewed items: at most this many epochs (default: ${DEFAULT-VALUE}, with early stopping; 1 for a quick try).")
    int retrainEpochs;
    @Option(names = "--retrain-max-minutes", defaultValue = "60", description = "Retraining: no new epoch after this many minutes (default: ${DEFAULT-VALUE}; 0 = no limit).")
    double retrainMaxMinutes;
    @Option(names = "--retrain-augment-copies", defaultValue = "2", description = "Retraining: augmented views per training photo (default: ${DEFAULT-VALUE}; 0 is fastest).")
    int retrainAugmentCopies;
    @Option(names = "--retrain-min-per-class", defaultValue = "5", description = "Retraining: reviewed items a class needs to be trained (default: ${DEFAULT-VALUE}, at least 3); classes with fewer are left out of the new bundle.")
    int retrainMinPerClass;
    @Option(names = "--create-manager", paramLabel = "NAME", description = "Create a manager account (password asked for, or one line of standard input) and exit.")
    String createManager;
    @Option(names = "--create-user", paramLabel = "NAME", description = "Create a seller or buyer account (with --role) and exit.")
    String createUser;
    @Option(names = "--role", description = "Role of --create-user: seller or buyer.")
    String role;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : defaultDataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UserException("Cannot create the data folder " + data + " (" + e.getMessage() + "); give another with --data-dir.");
        }
        String url = dbUrl != null ? dbUrl : ShopDatabase.embeddedUrl(data);
        try (ShopDatabase db = ShopDatabase.open(url, dbUser, dbPasswordEnv == null ? null : System.getenv(dbPasswordEnv))) {
            if (createManager != null || createUser != null) {
                return createAccount(new Accounts(db.jdbi()));
            }
            return serve(data, db);
        }
    }

    private int createAccount(Accounts accounts) throws IOException {
        if (createManager != null && createUser != null) {
            throw new UserException("Give either --create-manager or --create-user, not both.");
        }
        Role r;
        String name;
        if (createManager != null) {
            r = Role.MANAGER;
            name = createManager;
        } else {
            if (role == null || !(role.equals("seller") || role.equals("buyer"))) {
                throw new UserException("--create-user needs --role seller or --role buyer (managers: --create-manager).");
            }
            r = Role.parse(role);
            name = createUser;
        }
        char[] password = readPassword(name);
        try {
            accounts.create(name, r, password);
        } catch (Accounts.InvalidAccountException e) {
            throw new UserException(e.getMessage());
        } finally {
            Arrays.fill(password, ' ');
        }
        System.out.println("Created " + r.id() + " " + name + ".");
        return 0;
    }

    /** Asked twice on a terminal; otherwise the first line of standard input (for scripts). Never a default. */
    private static char[] readPassword(String name) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for %s (at least %d characters): ", name, Accounts.MIN_PASSWORD_LENGTH);
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new UserException("The two passwords differ; nothing was created.");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new UserException("No password: type it at the prompt, or give it as one line of standard input.");
        }
        return line.toCharArray();
    }

    private int serve(Path data, ShopDatabase db) throws InterruptedException {
        ProjectRoot root = ProjectRoot.find();
        Path product = requireBundle(root.resolve(bundle), "--bundle");
        Path garments = garmentBundle.equals("none") ? null : requireBundle(root.resolve(garmentBundle), "--garment-bundle");
        if (maxUploadMib < 1) {
            throw new UserException("--max-upload-mib must be at least 1.");
        }
        UploadCheck uploads = new UploadCheck((long) maxUploadMib << 20, UploadCheck.DEFAULT_MAX_PIXELS);
        RetrainSettings retrain;
        try {
            retrain = new RetrainSettings(retrainEpochs, retrainMaxMinutes, retrainAugmentCopies, retrainMinPerClass);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage() + " (see the --retrain-* options)");
        }
        ServingBundles bundles = new ServingBundles(db.jdbi(), product, garments);
        ShopServices services = new ShopServices(data, db, bundles, uploads, retrain).start();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS); // Ctrl-C: let the worker finish its photo and the database close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        ShopServer server = null;
        try {
            server = new ShopServer(services);
            if (!services.accounts().anyManager()) {
                System.out.println("No manager yet: create one with ./vestis serve --create-manager NAME"
                        + (dataDir != null ? " --data-dir " + dataDir : "") + (dbUrl != null ? " --db-url ..." : "") + ".");
            }
            try {
                server.start(host, port);
            } catch (RuntimeException e) {
                throw new UserException("Cannot listen on " + host + ":" + port + " (" + RootCause.message(e) + "); is another server there? Try --port.");
            }
            System.out.printf("Vestis shop on http://%s:%d/ (data: %s, database: %s, tagging with %s). Ctrl-C stops it.%n",
                    host, server.port(), data, db.describe(), bundles.current().tagger().name());
            stop.await();
        } finally {
            if (server != null) {
                server.close();
            }
            services.close(); // stops the worker, closes the bundles' models
            closed.countDown();
        }
        return 0;
    }

    private static Path requireBundle(Path dir, String option) {
        if (!Files.isRegularFile(dir.resolve("model.json"))) {
            throw new UserException(option + " " + dir + " is not a model bundle (no model.json there).");
        }
        return dir;
    }


    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("vestis").resolve("shop");
    }
}
