package dev.lamgraph.engine.exec;

import java.net.InetAddress;

/** Who runs a thread: {@code pid@host}. A local owner whose process is gone is dead. */
public final class Owner {
  private static final String HOST = host();
  private static final String SELF = ProcessHandle.current().pid() + "@" + HOST;

  private Owner() {}

  public static String self() {
    return SELF;
  }

  /** True unless the owner is a process of this host that no longer exists. */
  public static boolean alive(String owner) {
    int at = owner.indexOf('@');
    if (at < 0 || !owner.substring(at + 1).equals(HOST)) return true;
    try {
      long pid = Long.parseLong(owner.substring(0, at));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
