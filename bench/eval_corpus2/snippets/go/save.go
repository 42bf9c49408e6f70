package files

import "os"

func SaveReport(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	f.Write(data)
	return f.Close()
}
