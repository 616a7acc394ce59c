echo "token is $TOKEN"
