package dev.vantage;

import dev.vantage.cli.VantageCommand;

/** Entry point of the {@code vantage} command. */
public final class Vantage {

    private Vantage() {
    }

    public static void main(String[] args) {
        System.exit(VantageCommand.run(args));
    }
}
