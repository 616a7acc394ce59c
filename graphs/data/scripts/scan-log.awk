# Finds the failure in a Spring Boot / Logback style Java service log and prints one JSON object:
# {"file", "lines", "errors", "warnings",
#  "first_error": {"line", "time", "thread", "logger", "message"} (null when there is no ERROR),
#  "exception", "exception_message", "causes": ["class: message", ...], "root_cause", "root_cause_message",
#  "app_frames": stack frames of the first error in the application's packages,
#  "same_root_cause": ERROR entries whose trace ends in the same root cause,
#  "warning_messages": distinct WARN messages without object ids (at most 5), "warning_app_frames": application frames under WARN entries,
#  "signature": "root cause class: message",
#  "digest": the signature and the warning messages on one line, what to search past incidents with}
# Usage: awk -v app=com.acme. -f scan-log.awk SERVICE.log   (app: package prefix of the application's own code)
# POSIX awk only (runs on mawk, gawk and BusyBox awk).
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); gsub(/\r/, "", s); return s }
function trim(s) { sub(/^[ \t\r]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function jstr(s) { return "\"" esc(s) "\"" }
function jlist(arr, n,    out, i) {
  out = "["
  for (i = 1; i <= n; i++) out = out (i > 1 ? "," : "") jstr(arr[i])
  return out "]"
}
function exclass(s,    i) { i = index(s, ": "); return i ? substr(s, 1, i - 1) : trim(s) }
function exmessage(s,    i) { i = index(s, ": "); return i ? trim(substr(s, i + 2)) : "" }
# an entry ends when the next one starts (or at the end of the file)
function end_entry() {
  if (level == "ERROR" && entry_root != "" && entry_root == root_cause) same++
  level = ""; entry_root = ""; in_first = 0
}
BEGIN { if (app == "") app = "com.acme."; errors = 0; warnings = 0; same = 0; ncauses = 0; nframes = 0; nwarn = 0; nwframes = 0 }
/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
  end_entry()
  level = $3
  thread = $0; sub(/^[^[]*\[/, "", thread); sub(/\].*$/, "", thread); thread = trim(thread)
  rest = $0; sub(/^[^]]*\][ ]*/, "", rest)
  i = index(rest, " : ")
  logger = trim(substr(rest, 1, i - 1)); message = trim(substr(rest, i + 3))
  if (level == "WARN") {
    warnings++
    gsub(/@[0-9a-fA-F]+/, "", message) # object ids would make every leak warning distinct
    seen = 0
    for (k = 1; k <= nwarn; k++) if (warn[k] == message) seen = 1
    if (!seen && nwarn < 5) warn[++nwarn] = message
  }
  if (level == "ERROR") {
    errors++
    if (!first_line) {
      first_line = NR; first_time = $1 " " $2; first_thread = thread; first_logger = logger; first_message = message
      in_first = 1
    }
  }
  next
}
/^[ \t]+at / {
  frame = trim($0); sub(/^at /, "", frame)
  if (index(frame, app) == 1) {
    if (in_first && nframes < 10) frames[++nframes] = frame
    if (level == "WARN") {
      seen = 0
      for (k = 1; k <= nwframes; k++) if (wframes[k] == frame) seen = 1
      if (!seen && nwframes < 10) wframes[++nwframes] = frame
    }
  }
  next
}
/^[ \t]+\.\.\. [0-9]+ (common frames )?(omitted|more)/ { next }
/^Caused by: / {
  line = trim(substr($0, 12))
  entry_root = exclass(line)
  if (in_first) {
    causes[++ncauses] = line
    root_cause = exclass(line); root_cause_message = exmessage(line)
  }
  next
}
level != "" && NF > 0 {
  # the first line of a stack trace: "some.Exception: message"
  line = trim($0)
  if (entry_root == "") entry_root = exclass(line)
  if (in_first && exception == "") {
    exception = exclass(line); exception_message = exmessage(line)
    root_cause = exception; root_cause_message = exception_message
  }
}
END {
  end_entry()
  printf "{\"file\":%s,\"lines\":%d,\"errors\":%d,\"warnings\":%d,", jstr(FILENAME), NR, errors, warnings
  if (first_line) {
    printf "\"first_error\":{\"line\":%d,\"time\":%s,\"thread\":%s,\"logger\":%s,\"message\":%s},",
      first_line, jstr(first_time), jstr(first_thread), jstr(first_logger), jstr(first_message)
  } else {
    printf "\"first_error\":null,"
  }
  printf "\"exception\":%s,\"exception_message\":%s,\"causes\":%s,", jstr(exception), jstr(exception_message), jlist(causes, ncauses)
  printf "\"root_cause\":%s,\"root_cause_message\":%s,", jstr(root_cause), jstr(root_cause_message)
  printf "\"app_frames\":%s,\"same_root_cause\":%d,", jlist(frames, nframes), same
  printf "\"warning_messages\":%s,\"warning_app_frames\":%s,", jlist(warn, nwarn), jlist(wframes, nwframes)
  signature = root_cause == "" ? "" : root_cause ": " root_cause_message
  digest = signature
  for (k = 1; k <= nwarn; k++) digest = digest "; " warn[k]
  printf "\"signature\":%s,\"digest\":%s}\n", jstr(signature), jstr(digest)
}
