package org.vestis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `vestis import tflite|keras`: pretrained weights from other frameworks into Vestis bundles. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a pretrained model from another framework into a Vestis bundle.",
        subcommands = {ImportTfliteCommand.class, ImportKerasCommand.class})
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
