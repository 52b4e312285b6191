package org.s3gd.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of s3gd that is running, from the build. */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    /** {@code java.vm.name java.runtime.version (os.name os.arch)}. */
    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/s3gd/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
