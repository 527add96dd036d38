package io.tributary.app.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, or says it is a development build. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"tributary " + (version == null ? "development build" : version)};
    }
}
