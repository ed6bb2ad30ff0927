/**
 * The picocli commands of {@code vestis} ({@link org.vestis.cli.VestisCommand} and one class per command) and the
 * helpers only they need: option mixins, progress bars, report sections, graceful Ctrl-C. Commands parse, call the
 * core and print; they are the only package that starts the other front ends (ui, serve, ablation), and nothing
 * imports cli.
 */
package org.vestis.cli;
