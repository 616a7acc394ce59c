echo call >> calls.txt
echo "{\"n\": 1}"
