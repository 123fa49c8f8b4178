package io.vsguard.cli.apply;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One apply per distributed switch at a time: a lock file per vCenter and switch ({@code
 * apply/KEY.lock} beside the audit log, created atomically) naming its owner (process id, machine,
 * user, apply id, start). A second apply is refused with the owner's name; a lock left by a process
 * of this machine that is no longer running is taken over (and said so). Applies from different
 * machines are kept apart only when they share the audit log's directory.
 */
public final class SwitchLock implements AutoCloseable {
  /** Another apply holds a switch. */
  public static final class Busy extends Exception {
    public Busy(String message) {
      super(message);
    }
  }

  private final List<Path> held;

  private SwitchLock(List<Path> held) {
    this.held = held;
  }

  /** Locks every switch (sorted, so two runs never wait on each other crosswise); all or none. */
  public static SwitchLock acquire(
      Path dir,
      String vcenter,
      List<String> switches,
      String applyId,
      java.util.function.Consumer<String> notice)
      throws Busy, IOException {
    Files.createDirectories(dir);
    List<Path> held = new ArrayList<>();
    try {
      for (String sw : switches.stream().sorted().distinct().toList()) {
        Path file = dir.resolve(ApplyState.key(vcenter + "\n" + sw) + ".lock");
        String owner =
            "pid="
                + ProcessHandle.current().pid()
                + "\nmachine="
                + machine()
                + "\nuser="
                + System.getProperty("user.name", "?")
                + "\napplyId="
                + applyId
                + "\nstarted="
                + Instant.now()
                + "\nvcenter="
                + vcenter
                + "\nswitch="
                + sw
                + "\n";
        if (!create(file, owner)) {
          Map<String, String> other = read(file);
          if (machine().equals(other.get("machine")) && !alive(other.get("pid"))) {
            notice.accept(
                "taking over the lock on "
                    + sw
                    + " left by apply "
                    + other.get("applyId")
                    + " (process "
                    + other.get("pid")
                    + ", no longer running): "
                    + file);
            Files.deleteIfExists(file);
            if (create(file, owner)) {
              held.add(file);
              continue;
            }
            other = read(file);
          }
          throw new Busy(
              "another apply holds "
                  + sw
                  + " on "
                  + vcenter
                  + ": apply "
                  + other.get("applyId")
                  + ", process "
                  + other.get("pid")
                  + " on "
                  + other.get("machine")
                  + " (user "
                  + other.get("user")
                  + "), started "
                  + other.get("started")
                  + ". Wait for it to end; if it died on another machine,"
                  + " remove "
                  + file
                  + " once you have checked.");
        }
        held.add(file);
      }
      return new SwitchLock(held);
    } catch (Busy | IOException | RuntimeException e) {
      new SwitchLock(held).close();
      throw e;
    }
  }

  private static boolean create(Path file, String owner) throws IOException {
    try {
      Files.write(
          file,
          owner.getBytes(StandardCharsets.UTF_8),
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException | NullPointerException e) {
      return true; // an owner we cannot read is not assumed dead
    }
  }

  private static String machine() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    for (Path p : held) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a lock file left behind names a dead process: the next apply takes it over
      }
    }
  }
}
