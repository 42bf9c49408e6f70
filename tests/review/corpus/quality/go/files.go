package files

import (
	"bufio"
	"os"
	"strings"
)

func CountLines(path string) (int, error) {
	f, err := os.Open(path)
	defer f.Close() // wfc-expect: reliability medium
	if err != nil {
		return 0, err
	}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

func Cleanup(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // wfc-expect: reliability medium
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			if err := os.Remove(dir + "/" + e.Name()); err != nil {
				return err
			}
		}
	}
	return nil
}
