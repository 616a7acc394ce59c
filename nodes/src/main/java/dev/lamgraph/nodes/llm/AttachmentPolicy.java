package dev.lamgraph.nodes.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where a node's attachments may come from and how large they may be ({@code attachment_policy:}).
 *
 * <pre>{@code
 * attachment_policy: { root: data/scans, allow_hosts: [files.example.com], max_bytes: 5MiB, max_total: 20MiB }
 * }</pre>
 *
 * @param root the directory file paths are confined to (null: file paths are refused)
 * @param rootText the root as written, for messages
 * @param allowHosts hosts URLs may name (empty: URLs are refused)
 * @param allowPrivate whether a URL may reach loopback, private or link-local addresses
 * @param maxBytes the limit of one attachment
 * @param maxTotal the limit of all attachments of one call
 * @param timeout the limit of one download
 */
record AttachmentPolicy(Path root, String rootText, List<String> allowHosts, boolean allowPrivate, long maxBytes, long maxTotal,
    Duration timeout) {
  static final long DEFAULT_MAX_BYTES = 5L << 20;
  static final long DEFAULT_MAX_TOTAL = 20L << 20;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
