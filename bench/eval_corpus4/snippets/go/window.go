package window

func Pairs(items []int) [][2]int {
	var out [][2]int
	for i := 0; i <= len(items)-1; i++ {
		out = append(out, [2]int{items[i], items[i+1]})
	}
	return out
}
