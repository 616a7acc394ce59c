/**
 * Webhooks of {@code lam serve}: which URLs a run or a cron may name ({@link
 * dev.lamgraph.server.webhooks.WebhookPolicy}: an allow list of hosts, public addresses only unless
 * allowed) and their delivery ({@link dev.lamgraph.server.webhooks.WebhookSender}: one POST to the
 * checked address, no redirects, retried in the background).
 */
package dev.lamgraph.server.webhooks;
