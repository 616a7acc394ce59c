package dev.lamgraph.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys a store's secret-bearing values are encrypted with ({@link SealedStore}), by
 * store kind:
 * <ul>
 *   <li>{@code LAM_STORE_KEY} (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32})
 *       when set, for every store kind;
 *   <li>otherwise, for SQLite, a key file beside the database ({@code .lam/lam.db.key}), created
 *       with permissions 0600 the first time a secret-bearing value is stored;
 *   <li>for {@code memory:}, a random key of this process;
 *   <li>for PostgreSQL (and any other store), no key: a secret-bearing value is refused with a
 *       run error saying to set {@code LAM_STORE_KEY}, since a key file on one machine would not
 *       serve the other workers and processes that share the database.
 * </ul>
 * A value names the key it was sealed with by id (the first 8 hex digits of the key's SHA-256), so
 * opening it with another key gives a clear error rather than a decryption failure.
 *
 * <pre>{@code
 * StoreKeys keys = StoreKeys.forLocation("sqlite:/home/u/.lam/lam.db", env);
 * StoreKeys.Key k = keys.forSealing("step 3 of thread 't-1'");
 * }</pre>
 */
public final class StoreKeys {
  /** The environment variable holding the key (base64 of 32 bytes). */
  public static final String ENV = "LAM_STORE_KEY";
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile Key processKey;

  /** A key and its id. */
  public record Key(String id, SecretKey secret) {
    static Key of(byte[] bytes) {
      try {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
        return new Key(HexFormat.of().formatHex(h, 0, 4), new SecretKeySpec(bytes, "AES"));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }

  private final Key envKey;
  private final Path keyFile;
  private final boolean memory;
  private final String location;
  private volatile Key fileKey;

  private StoreKeys(Key envKey, Path keyFile, boolean memory, String location) {
    this.envKey = envKey;
    this.keyFile = keyFile;
    this.memory = memory;
    this.location = location;
  }

  /**
   * The keys of the store at {@code location} (as {@link CheckpointStore#location()} gives it);
   * UNAVAILABLE when {@code LAM_STORE_KEY} is set but is not base64 of 32 bytes.
   */
  public static StoreKeys forLocation(String location, Map<String, String> env) {
    String raw = env.get(ENV);
    Key envKey = null;
    if (raw != null && !raw.isBlank()) envKey = Key.of(decode(raw.strip(), ENV));
    Path file = null;
    if (location.startsWith("sqlite:")) file = Path.of(location.substring("sqlite:".length()) + ".key");
    return new StoreKeys(envKey, file, location.equals("memory:"), location);
  }

  /** The key file of a SQLite store, if it has one. */
  public Optional<Path> keyFile() {
    return Optional.ofNullable(keyFile);
  }

  /**
   * The key new values are sealed with, creating the key file if needed; UNAVAILABLE, saying what
   * to do, when this store has none ({@code what} names the value, e.g. "step 3 of thread 't'").
   */
  public Key forSealing(String what) {
    if (envKey != null) return envKey;
    if (memory) return process();
    if (keyFile != null) return fileKey(true);
    throw new StoreException(StoreException.Reason.UNAVAILABLE, what + " holds a secret value (from ${env:...}); the store "
        + location + " stores such values only encrypted and has no key: set " + ENV + " (base64 of 32 random bytes,"
        + " e.g. `export " + ENV + "=$(openssl rand -base64 32)`), the same for every process using the store;"
        + " nothing was stored");
  }

  /** The key with this id, or UNAVAILABLE saying which keys were tried. */
  public Key forOpening(String id, String what) {
    List<String> tried = new ArrayList<>();
    if (envKey != null) {
      if (envKey.id().equals(id)) return envKey;
      tried.add(ENV + " is key " + envKey.id());
    } else {
      tried.add(ENV + " is not set");
    }
    if (memory) {
      if (process().id().equals(id)) return process();
      tried.add("this process's memory key is " + process().id());
    }
    if (keyFile != null) {
      Key k = fileKey(false);
      if (k != null && k.id().equals(id)) return k;
      tried.add(k == null ? "the key file " + keyFile + " does not exist" : "the key file " + keyFile + " is key " + k.id());
    }
    throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot decrypt " + what + ": it was encrypted with store"
        + " key " + id + ", but " + String.join(" and ", tried) + "; set " + ENV + " to that key");
  }

  private static Key process() {
    Key k = processKey;
    if (k == null) {
      synchronized (StoreKeys.class) {
        if (processKey == null) processKey = Key.of(random());
        k = processKey;
      }
    }
    return k;
  }

  /** The key file's key: read, or (when {@code create}) made if missing; null when missing and not creating. */
  private synchronized Key fileKey(boolean create) {
    if (fileKey != null) return fileKey;
    try {
      try {
        fileKey = Key.of(readKeyFile());
      } catch (NoSuchFileException e) {
        if (!create) return null;
        fileKey = Key.of(createKeyFile());
      }
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.IO, "cannot read the store key file " + keyFile + ": " + e, e);
    }
    return fileKey;
  }

  private byte[] readKeyFile() throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(keyFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      if (ch.size() > 1024) throw new IOException("it is not a key (" + ch.size() + " bytes)");
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read it all
      }
      return decode(new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip(), "the key file " + keyFile);
    }
  }

  /**
   * Writes a new key to a private temporary file, then links it into place: the link fails if
   * another process created the key first, and then that key is used. Never replaces a key.
   */
  private byte[] createKeyFile() throws IOException {
    byte[] key = random();
    Path dir = keyFile.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".lam-key-", ".tmp", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      Files.createLink(keyFile, tmp);
      return key;
    } catch (FileAlreadyExistsException raced) {
      return readKeyFile();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] random() {
    byte[] b = new byte[KEY_BYTES];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] decode(String base64, String where) {
    byte[] b;
    try {
      b = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      b = null;
    }
    if (b == null || b.length != KEY_BYTES) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, where + " is not a store key: it must be base64 of "
          + KEY_BYTES + " bytes, e.g. the output of `openssl rand -base64 32`");
    }
    return b;
  }
}
