package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.vestis.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The model bundles and configs the pickers offer: what is under models/ and configs/ of the project. */
final class Bundles {
    private Bundles() {
    }

    static List<Path> models(ProjectRoot root) {
        return list(root.dir().resolve("models"), p -> Files.isRegularFile(p.resolve(ModelBundle.INFO_FILE)));
    }

    static List<Path> configs(ProjectRoot root) {
        return list(root.dir().resolve("configs"), p -> p.getFileName().toString().endsWith(".yaml"));
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).sorted().forEach(out::add);
        } catch (IOException e) {
            // an unreadable folder simply offers nothing
        }
        return out;
    }

    /** Asks for a bundle directory anywhere; adds it to {@code box} and selects it (which fires the box's listeners). */
    static void chooseOther(java.awt.Component parent, javax.swing.JComboBox<Item> box, ProjectRoot root) {
        javax.swing.JFileChooser chooser = new javax.swing.JFileChooser(root.dir().resolve("models").toFile());
        chooser.setFileSelectionMode(javax.swing.JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle("Choose a model bundle directory (with model.json)");
        if (chooser.showOpenDialog(parent) == javax.swing.JFileChooser.APPROVE_OPTION) {
            Item item = Item.of(chooser.getSelectedFile().toPath().toAbsolutePath().normalize());
            if (((javax.swing.DefaultComboBoxModel<Item>) box.getModel()).getIndexOf(item) < 0) {
                box.addItem(item);
            }
            box.setSelectedItem(item);
        }
    }

    /** A path as a picker item: its name, and the path itself. */
    record Item(String name, Path path) {
        static Item of(Path p) {
            return new Item(p.getFileName().toString(), p);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
