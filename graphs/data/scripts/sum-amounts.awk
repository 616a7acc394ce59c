# Adds up the amounts given as arguments and prints {"sum": S, "count": N} (S rounded to cents).
# Usage: awk -f sum-amounts.awk 249.90 356 19.5
# Only a BEGIN block: awk never reads the arguments as files.
BEGIN {
  s = 0
  for (i = 1; i < ARGC; i++) s += ARGV[i]
  printf "{\"sum\":%.2f,\"count\":%d}\n", s, ARGC - 1
}
