//go:build !linux

package graph

// dontNeed does nothing: releaseMapped is for Linux only.
func dontNeed(addr uintptr) error { return nil }
