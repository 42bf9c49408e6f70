package checksums

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

func All(paths []string) (map[string]string, error) {
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return nil, err
		}
		out[p] = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}
