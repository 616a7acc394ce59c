# Extracts the invoice fields of a plain-text invoice e-mail and prints them as one JSON object:
# {"file", "from", "subject", "vendor", "invoice", "due", "currency", "lines": [{"item","amount"}], "total", "lines_sum"}
# Usage: awk -f extract-invoice.awk MESSAGE.eml
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return s }
function trim(s) { sub(/^[ \t\r]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
BEGIN { n = 0; sum = 0; total = "null" }
/^From:/      { from = trim(substr($0, 6)) }
/^Subject:/   { subject = trim(substr($0, 9)) }
/^Vendor:/    { vendor = trim(substr($0, 8)) }
/^Invoice:/   { invoice = trim(substr($0, 9)) }
/^Due:/       { due = trim(substr($0, 5)) }
/^Currency:/  { currency = trim(substr($0, 10)) }
/^Line:/      {
  rest = substr($0, 6); split(rest, parts, "|")
  item[n] = trim(parts[1]); amount[n] = trim(parts[2]) + 0; sum += amount[n]; n++
}
/^Total:/     { total = trim(substr($0, 7)) + 0 }
END {
  printf "{\"file\":\"%s\",\"from\":\"%s\",\"subject\":\"%s\",\"vendor\":\"%s\",\"invoice\":\"%s\",\"due\":\"%s\",\"currency\":\"%s\",\"lines\":[",
    esc(FILENAME), esc(from), esc(subject), esc(vendor), esc(invoice), esc(due), esc(currency)
  for (i = 0; i < n; i++) printf "%s{\"item\":\"%s\",\"amount\":%.2f}", (i ? "," : ""), esc(item[i]), amount[i]
  printf "],\"total\":%s,\"lines_sum\":%.2f}\n", (total == "null" ? "null" : sprintf("%.2f", total)), sum
}
