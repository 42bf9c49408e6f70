package auth

import (
	"crypto/md5"
	"encoding/hex"
)

func HashPassword(pw string) string {
	sum := md5.Sum([]byte(pw))
	return hex.EncodeToString(sum[:])
}
