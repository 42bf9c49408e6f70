package concat

import (
	"io"
	"os"
)

func Concat(dst io.Writer, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := io.Copy(dst, f); err != nil {
			return err
		}
	}
	return nil
}
