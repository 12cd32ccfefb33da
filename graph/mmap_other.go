//go:build !linux

package graph

// dontNeed does nothing: releaseMapped is for Linux only.
func dontNeed(addr uintptr) error { return nil }

// residentFileBytes returns -1: not known here.
func residentFileBytes() int64 { return -1 }
