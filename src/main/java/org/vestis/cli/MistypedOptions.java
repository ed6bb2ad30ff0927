package org.vestis.cli;

import picocli.CommandLine;

import java.util.Set;

/**
 * Names a mistyped command or option and the one it was probably meant to be. Picocli takes an unknown "--outt /tmp/x" as
 * two more input files and then reports the missing "--out": the real mistake is the typo, so it is named first.
 */
final class MistypedOptions {
    private static final int MAX_EDITS = 2;

    private MistypedOptions() {
    }

    /** The sentence for a mistyped command, or for the first argument that looks like an option this command lacks; or null. */
    static String hint(CommandLine command, String... args) {
        Set<String> commands = command.getSubcommands().keySet();
        if (!commands.isEmpty() && args.length > 0 && !args[0].startsWith("-") && !commands.contains(args[0])) {
            String best = closest(commands, args[0]);
            return "Unknown command '" + args[0] + "'" + (best != null ? "; did you mean '" + best + "'?" : "") + " (see --help)";
        }
        Set<String> known = command.getCommandSpec().optionsMap().keySet();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.startsWith("--") || known.contains(name)) {
                continue;
            }
            String best = closest(known, name);
            return "Unknown option '" + name + "'" + (best != null ? "; did you mean '" + best + "'?" : "") + " (see --help)";
        }
        return null;
    }

    /** The name in {@code known} at most two edits from {@code name} (the nearest), or null. */
    static String closest(Set<String> known, String name) {
        String best = null;
        int bestEdits = MAX_EDITS + 1;
        for (String option : known) {
            int edits = editDistance(name, option);
            if (edits < bestEdits) {
                best = option;
                bestEdits = edits;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
