package graph

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// dontNeed advises the kernel that the mapping starting at addr (bolt's
// map of the store file) is not needed: its pages leave the resident set
// and are read again from the page cache when touched. The mapping's
// length is read from /proc/self/maps: bolt's own size is unexported, and
// the file may be longer than the mapping.
func dontNeed(addr uintptr) error {
	end, err := mappingEnd(addr)
	if err != nil {
		return err
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, end-addr, syscall.MADV_DONTNEED)
	if errno != 0 {
		return fmt.Errorf("madvise: %w", errno)
	}
	return nil
}

// mappingEnd returns the end of the mapping that starts at addr, from
// /proc/self/maps (lines "start-end perms offset dev inode path", hex).
func mappingEnd(addr uintptr) (uintptr, error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		span, _, _ := bytes.Cut(line, []byte(" "))
		from, to, ok := bytes.Cut(span, []byte("-"))
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(string(from), 16, 64)
		end, err2 := strconv.ParseUint(string(to), 16, 64)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("read /proc/self/maps: cannot parse %q", line)
		}
		if uintptr(start) == addr {
			return uintptr(end), nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no mapping at %#x in /proc/self/maps", addr)
}

// residentFileBytes returns how much of the process's resident set is
// pages of files (the third field of /proc/self/statm: bolt's mapped
// pages, the program's own text and the shared libraries), or -1 when it
// cannot be read.
func residentFileBytes() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := bytes.Fields(data)
	if len(f) < 3 {
		return -1
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return -1
	}
	return pages * int64(os.Getpagesize())
}
