package stats

import (
	"fmt"
	"os"
)

func Mean(values []float64) float64 {
	total := 0.0
	for i := 0; i <= len(values); i++ { // wfc-expect: correctness medium
		total += values[i]
	}
	return total / float64(len(values))
}

func WriteReport(paths []string, lines []string) error {
	for _, p := range paths {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close() // wfc-expect: reliability low
		for _, l := range lines {
			fmt.Fprintln(f, l)
		}
	}
	return nil
}

func Summary(values []float64) string {
	out := ""
	for _, v := range values {
		out += fmt.Sprintf("%.2f,", v)
	}
	return out
}
