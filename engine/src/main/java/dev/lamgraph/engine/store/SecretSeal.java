package dev.lamgraph.engine.store;

import dev.lamgraph.engine.util.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The envelope of a secret-bearing stored value: AES-256-GCM (javax.crypto) with a random 96-bit
 * nonce, bound to where the value belongs (thread, field and step, as additional authenticated
 * data, so a sealed value moved to another row does not open). Like Temporal's payload codec, the
 * store only ever sees the envelope:
 *
 * <pre>
 * lamseal:1:KEYID:BASE64(nonce || ciphertext || tag)
 * </pre>
 *
 * where the plaintext is the JSON array of the secrets the value contains, a newline, then the
 * value itself. Carrying the secrets inside lets a process that inspects the thread later mask
 * exactly those values in its output, whatever its own environment holds. Stored values are JSON
 * objects or arrays, so they never start with the prefix.
 */
final class SecretSeal {
  static final String PREFIX = "lamseal:1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretSeal() {}

  /** An opened value and the secrets it holds. */
  record Opened(String value, List<String> secrets) {}

  static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  static String seal(StoreKeys.Key key, String value, List<String> secrets, String aad) {
    byte[] plain = (Json.write(secrets) + "\n" + value).getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain);
      byte[] out = ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array();
      return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e, e);
    }
  }

  /** Opens a sealed value; UNAVAILABLE without its key, CORRUPT when it does not authenticate. */
  @SuppressWarnings("unchecked")
  static Opened open(StoreKeys keys, String stored, String aad, String what) {
    int colon = stored.indexOf(':', PREFIX.length());
    if (colon < 0) throw corrupt(what, "its envelope has no key id");
    StoreKeys.Key key = keys.forOpening(stored.substring(PREFIX.length(), colon), what);
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw corrupt(what, "its envelope is not base64");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) throw corrupt(what, "its envelope is truncated");
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw corrupt(what, "it does not authenticate with store key " + key.id() + " (changed, damaged or moved from"
          + " another row)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e, e);
    }
    String text = new String(plain, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    if (nl < 0) throw corrupt(what, "its plaintext has no secrets header");
    return new Opened(text.substring(nl + 1), (List<String>) (List<?>) Json.readList(text.substring(0, nl)));
  }

  private static StoreException corrupt(String what, String why) {
    return new StoreException(StoreException.Reason.CORRUPT, "cannot decrypt " + what + ": " + why);
  }
}
