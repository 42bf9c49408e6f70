package stack

// Stack is a LIFO of values; the zero value is an empty stack.
type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v)
}

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	last := len(s.items) - 1
	v := s.items[last]
	s.items[last] = zero
	s.items = s.items[:last]
	return v, true
}

func (s *Stack[T]) Len() int {
	return len(s.items)
}
