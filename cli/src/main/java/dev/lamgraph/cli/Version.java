package dev.lamgraph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code lam --version}: the build's version (from a resource Maven fills in) and the Java runtime. */
public final class Version implements IVersionProvider {
  public static String number() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"lam (lamgraph) " + number(), "Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vendor") + ")"};
  }
}
