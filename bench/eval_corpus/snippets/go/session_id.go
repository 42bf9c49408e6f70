package auth

import (
	"math/rand"
	"strconv"
)

func NewSessionID() string {
	return strconv.FormatInt(rand.Int63(), 36) + strconv.FormatInt(rand.Int63(), 36)
}
