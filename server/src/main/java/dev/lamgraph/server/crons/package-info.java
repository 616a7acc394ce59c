/**
 * Crons of {@code lam serve}: schedules ({@code CronSchedule}, standard 5-field cron), the cron
 * documents kept in the store ({@code Cron}) and the service that fires them ({@code CronService}:
 * each firing starts a run as {@code POST .../runs} does, claimed slot by slot in the store).
 */
package dev.lamgraph.server.crons;
