# Counts a note given as one argument (its text, not a file name) and prints one JSON object:
# {"title", "lines", "words", "todos"}; the title is the first line's text after "# " ("" if none).
# With -v strict=1 it fails instead (exit 1, the reason on stdout) when the note has no title or
# still holds TODO markers.
# Usage: awk [-v strict=1] -f note-stats.awk -- "$(cat note.md)"
# Only a BEGIN block: awk never reads the argument as a file.
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); gsub(/\r/, "", s); return s }
BEGIN {
  text = ARGV[1]
  sub(/\n+$/, "", text)
  lines = text == "" ? 0 : split(text, line, "\n")
  words = 0; todos = 0
  for (i = 1; i <= lines; i++) {
    words += split(line[i], w)
    s = line[i]
    while ((p = index(s, "TODO")) > 0) { todos++; s = substr(s, p + 4) }
  }
  title = (lines > 0 && line[1] ~ /^# /) ? substr(line[1], 3) : ""
  if (strict && title == "") { print "the note has no title: its first line must start with '# '"; exit 1 }
  if (strict && todos > 0) { printf "the note still holds %d TODO marker(s)\n", todos; exit 1 }
  printf "{\"title\":\"%s\",\"lines\":%d,\"words\":%d,\"todos\":%d}\n", esc(title), lines, words, todos
}
