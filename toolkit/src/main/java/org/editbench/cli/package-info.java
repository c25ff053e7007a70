/**
 * The headless command line, {@code editbench …} (picocli): one command class per reference
 * command, each parsing its options, calling the facade and printing what it returns; plus the
 * class-data archive's training run ({@link org.editbench.cli.ClassDataTraining}).
 *
 * <p><b>May use:</b> everything below it: the facade first, the stages' value types for options and
 * printing.
 *
 * <p><b>To extend:</b> a command: a class here registered in {@link org.editbench.cli.Main}; its
 * logic goes into the stage and the facade, not here.
 */
package org.editbench.cli;
