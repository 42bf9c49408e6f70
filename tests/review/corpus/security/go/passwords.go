package auth

import (
	"crypto/md5"
	"encoding/hex"
	"math/rand"

	"golang.org/x/crypto/bcrypt"
)

func HashPasswordLegacy(password string) string {
	sum := md5.Sum([]byte(password)) // wfc-expect: security high
	return hex.EncodeToString(sum[:])
}

func HashPassword(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(b), err
}

const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

func NewResetToken() string {
	b := make([]byte, 24)
	for i := range b {
		b[i] = letters[rand.Intn(len(letters))] // wfc-expect: security medium
	}
	return string(b)
}
